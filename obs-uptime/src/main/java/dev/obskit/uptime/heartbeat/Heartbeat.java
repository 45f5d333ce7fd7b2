package dev.obskit.uptime.heartbeat;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.uptime.maintenance.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A cron or batch job that promises to ping every {@code period}; if no ping arrives within
 * {@code period + grace} after the previous one, the heartbeat goes DOWN and raises its alert
 * (Better Stack semantics: PENDING until the first ping, monitoring starts from it). Immutable.
 *
 * @param id heartbeat id, also the path segment a host mounts the ping URL on
 * @param teamId owning team
 * @param name display name
 * @param period expected interval between pings, at least 30 s, at most 31 days
 * @param grace extra tolerance, 0 to 24 h (Better Stack suggests about 20 % of the period)
 * @param maintenance windows in which a missing ping raises nothing
 */
public record Heartbeat(MonitorId id, TeamId teamId, String name, Duration period,
    Duration grace, List<MaintenanceWindow> maintenance) {
  /** Shortest period. */
  public static final Duration MIN_PERIOD = Duration.ofSeconds(30);
  /** Longest period. */
  public static final Duration MAX_PERIOD = Duration.ofDays(31);

  /** Validates the components. */
  public Heartbeat {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Checks.notBlank("name", name);
    Checks.durationBetween("period", period, MIN_PERIOD, MAX_PERIOD);
    Checks.durationBetween("grace", grace, Duration.ZERO, Duration.ofHours(24));
    maintenance = List.copyOf(Objects.requireNonNull(maintenance, "maintenance"));
  }

  /** Returns a heartbeat without maintenance windows. */
  public static Heartbeat of(MonitorId id, TeamId teamId, String name, Duration period,
      Duration grace) {
    return new Heartbeat(id, teamId, name, period, grace, List.of());
  }

  /** Returns whether {@code at} is inside a maintenance window. */
  public boolean inMaintenance(Instant at) {
    return maintenance.stream().anyMatch(w -> w.covers(at));
  }
}
