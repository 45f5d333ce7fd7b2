package dev.obskit.spring.boot.autoconfigure.actuate;

import dev.obskit.core.ObsKit;
import dev.obskit.core.health.HealthStatus;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;

/**
 * One Actuator health indicator per ObsKit module ({@code /actuator/health/obskit/errors}, ...).
 * A DEGRADED module is reported UP with {@code degraded: true} and its reasons, so that ObsKit's
 * own trouble (a backlog, a failing sink) never makes an orchestrator restart the host; a DOWN
 * module is DOWN. Each check reads counters only.
 */
final class ObsKitHealthContributor implements CompositeHealthContributor {
  private final ObsKit kit;

  ObsKitHealthContributor(ObsKit kit) {
    this.kit = Objects.requireNonNull(kit, "kit");
  }

  @Override
  public HealthContributor getContributor(String name) {
    return kit.modules().stream().anyMatch(m -> m.name().equals(name)) ? indicator(name) : null;
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    return kit.modules().stream()
        .map(m -> NamedContributor.of(m.name(), (HealthContributor) indicator(m.name())))
        .iterator();
  }

  private HealthIndicator indicator(String module) {
    return () -> toActuator(kit.health().get(module));
  }

  static Health toActuator(dev.obskit.core.health.Health health) {
    if (health == null) {
      return Health.unknown().build();
    }
    Health.Builder b = new Health.Builder(health.status() == HealthStatus.DOWN ? Status.DOWN : Status.UP);
    if (health.status() == HealthStatus.DEGRADED) {
      b.withDetail("degraded", true);
    }
    if (!health.reasons().isEmpty()) {
      b.withDetail("reasons", health.reasons());
    }
    Map<String, Object> details = health.details();
    return b.withDetails(details).build();
  }
}
