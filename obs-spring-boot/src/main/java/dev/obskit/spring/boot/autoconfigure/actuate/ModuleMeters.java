package dev.obskit.spring.boot.autoconfigure.actuate;

import dev.obskit.core.ObsKit;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.capture.TrackerStats;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.state.MonitorState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/** Per-module meters; each method is called only when its module is on the class path. */
final class ModuleMeters {
  private ModuleMeters() {}

  static void bindErrors(ObsKit kit, MeterRegistry registry) {
    kit.findModule(ErrorsModule.class).ifPresent(m -> {
      capture(registry, m, "captured", TrackerStats::captured);
      capture(registry, m, "delivered", TrackerStats::delivered);
      capture(registry, m, "dropped", TrackerStats::dropped);
      capture(registry, m, "failed", TrackerStats::failed);
      capture(registry, m, "sampled_out", TrackerStats::sampledOut);
      capture(registry, m, "deduplicated", TrackerStats::deduplicated);
    });
  }

  private static void capture(MeterRegistry registry, ErrorsModule m, String outcome,
      ToLongFunction<TrackerStats> f) {
    FunctionCounter.builder("obskit.errors.captures", m, x -> f.applyAsLong(x.tracker().stats()))
        .tag("outcome", outcome)
        .description("Errors captured in-process, by what became of them")
        .register(registry);
  }

  static void bindUptime(ObsKit kit, MeterRegistry registry) {
    kit.findModule(UptimeModule.class).ifPresent(m -> {
      for (MonitorState state : MonitorState.values()) {
        Gauge.builder("obskit.uptime.monitors", m, u -> u.monitors().stream()
                .filter(x -> u.state(x.id()).orElse(null) == state).count())
            .tag("state", state.name())
            .description("Monitors in each state")
            .register(registry);
      }
    });
  }
}
