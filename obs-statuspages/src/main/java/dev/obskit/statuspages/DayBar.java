package dev.obskit.statuspages;

import java.time.LocalDate;

/**
 * One day of one resource on a page. Downtime and maintenance are kept apart; partial-outage and
 * degraded minutes count into the uptime figure with the configured weights. Immutable.
 *
 * @param day the UTC day
 * @param countedMillis time that counts towards uptime (up + down; maintenance excluded)
 * @param downMillis downtime
 * @param partialMillis time in partial outage
 * @param degradedMillis time in degraded performance
 * @param maintenanceMillis time in maintenance
 * @param uptimePercent (counted - down - w_p × partial - w_d × degraded) / counted × 100; 100
 *     without counted time
 * @param status the worst status of the day, or empty ({@code null} is never used) when no data
 * @param hasData whether anything was observed that day
 */
public record DayBar(LocalDate day, long countedMillis, long downMillis, long partialMillis,
    long degradedMillis, long maintenanceMillis, double uptimePercent, ComponentStatus status,
    boolean hasData) {

  /** Returns the downtime in whole minutes, rounded up (a 20 s blip shows as 1 min). */
  public long downMinutes() {
    return (downMillis + 59_999) / 60_000;
  }

  /** Returns the maintenance in whole minutes, rounded up. */
  public long maintenanceMinutes() {
    return (maintenanceMillis + 59_999) / 60_000;
  }
}
