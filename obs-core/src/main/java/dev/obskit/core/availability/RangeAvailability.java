package dev.obskit.core.availability;

import java.time.Instant;
import java.util.Objects;

/**
 * Availability over a range. Immutable.
 *
 * @param from range start
 * @param to range end (exclusive)
 * @param upMillis time up
 * @param downMillis confirmed downtime
 * @param maintenanceMillis time in maintenance (excluded from the ratio)
 * @param uptimePercent up / (up + down) × 100; 100 when nothing was counted
 */
public record RangeAvailability(Instant from, Instant to, long upMillis, long downMillis,
    long maintenanceMillis, double uptimePercent) {

  /** Validates the range. */
  public RangeAvailability {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range end " + to + " is before its start " + from);
    }
  }

  /** Returns the figures with the percentage computed as up / (up + down) × 100. */
  public static RangeAvailability of(Instant from, Instant to, long upMillis, long downMillis,
      long maintenanceMillis) {
    long counted = upMillis + downMillis;
    double percent = counted == 0 ? 100.0 : 100.0 * upMillis / counted;
    return new RangeAvailability(from, to, upMillis, downMillis, maintenanceMillis, percent);
  }
}
