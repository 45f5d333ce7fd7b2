package dev.obskit.uptime.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Availability of a monitor over a range, like Better Stack's SLA endpoint. Immutable.
 *
 * @param from range start (as requested)
 * @param to range end (as requested)
 * @param granularity the bucket size the figures were summed from; the range is effectively
 *     rounded to bucket starts at this granularity
 * @param upMillis up time
 * @param downMillis confirmed downtime
 * @param maintenanceMillis maintenance time (excluded from the uptime ratio)
 * @param uptimePercent up / (up + down) × 100; 100 when nothing was counted
 * @param incidents confirmed outages overlapping the range (an ongoing one included)
 * @param longestOutage longest outage, clipped to the range
 * @param averageOutage mean outage, clipped to the range
 * @param mtbf mean time between failures: up time / incidents; empty without incidents
 */
public record AvailabilitySummary(Instant from, Instant to, Granularity granularity,
    long upMillis, long downMillis, long maintenanceMillis, double uptimePercent, int incidents,
    Duration longestOutage, Duration averageOutage, Optional<Duration> mtbf) {

  /** Returns the downtime as a duration. */
  public Duration downtime() {
    return Duration.ofMillis(downMillis);
  }
}
