package dev.obskit.spring.boot.autoconfigure.actuate;

import dev.obskit.core.ObsKit;
import dev.obskit.core.health.Health;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Binds, for every module, {@code obskit.module.health} (0 = UP, 1 = DEGRADED, 2 = DOWN, tag
 * {@code module}); the error tracker's counters ({@code obskit.errors.captures} by outcome); and
 * the number of monitors per state ({@code obskit.uptime.monitors}). Gauges read in-process
 * counters only.
 */
final class ObsKitMeterBinder implements MeterBinder {
  private final ObsKit kit;

  ObsKitMeterBinder(ObsKit kit) {
    this.kit = Objects.requireNonNull(kit, "kit");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    kit.modules().forEach(m -> Gauge.builder("obskit.module.health", kit,
            k -> statusOf(k.health().get(m.name())))
        .tag("module", m.name())
        .description("ObsKit module health: 0 UP, 1 DEGRADED, 2 DOWN")
        .register(registry));
    if (EndpointSections.has("dev.obskit.errors.ErrorsModule")) {
      ModuleMeters.bindErrors(kit, registry);
    }
    if (EndpointSections.has("dev.obskit.uptime.UptimeModule")) {
      ModuleMeters.bindUptime(kit, registry);
    }
  }

  private static double statusOf(Health health) {
    return health == null ? 2 : health.status().ordinal();
  }
}
