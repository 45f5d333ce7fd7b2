package dev.obskit.uptime.availability;

import java.time.LocalDate;

/**
 * One day of a status page's uptime bars. Immutable.
 *
 * @param date the UTC day
 * @param upMillis up time that day
 * @param downMillis downtime that day
 * @param maintenanceMillis maintenance that day
 * @param uptimePercent up / (up + down) × 100, 100 without data
 * @param status colour class of the bar
 */
public record DailyBar(LocalDate date, long upMillis, long downMillis, long maintenanceMillis,
    double uptimePercent, Status status) {
  /** Uptime below this percentage colours the day {@link Status#DOWN}. */
  public static final double DOWN_BELOW_PERCENT = 95.0;

  /** How a day is coloured. */
  public enum Status {
    /** Nothing was observed (monitor absent or paused all day). */
    NO_DATA,
    /** No downtime. */
    OPERATIONAL,
    /** Some downtime, uptime at or above {@link #DOWN_BELOW_PERCENT}. */
    DEGRADED,
    /** Uptime below {@link #DOWN_BELOW_PERCENT}. */
    DOWN,
    /** Only maintenance was observed. */
    MAINTENANCE
  }

  static Status classify(long up, long down, long maintenance, double percent) {
    if (up + down == 0) {
      return maintenance > 0 ? Status.MAINTENANCE : Status.NO_DATA;
    }
    if (down == 0) {
      return Status.OPERATIONAL;
    }
    return percent < DOWN_BELOW_PERCENT ? Status.DOWN : Status.DEGRADED;
  }
}
