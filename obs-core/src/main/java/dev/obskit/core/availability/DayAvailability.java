package dev.obskit.core.availability;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One UTC day of a monitor's availability. Immutable.
 *
 * @param day the UTC day
 * @param upMillis time up
 * @param downMillis confirmed downtime (maintenance excluded)
 * @param maintenanceMillis time in maintenance
 */
public record DayAvailability(LocalDate day, long upMillis, long downMillis,
    long maintenanceMillis) {

  /** Validates: no negative figure. */
  public DayAvailability {
    Objects.requireNonNull(day, "day");
    if (upMillis < 0 || downMillis < 0 || maintenanceMillis < 0) {
      throw new IllegalArgumentException("negative time on " + day + ": up " + upMillis
          + " ms, down " + downMillis + " ms, maintenance " + maintenanceMillis + " ms");
    }
  }

  /** Returns a day with no data. */
  public static DayAvailability empty(LocalDate day) {
    return new DayAvailability(day, 0, 0, 0);
  }
}
