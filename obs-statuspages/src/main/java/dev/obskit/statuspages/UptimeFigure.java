package dev.obskit.statuspages;

import java.time.LocalDate;

/**
 * A resource's uptime over a run of days, summed from its {@link DayBar}s with the same weights.
 * Immutable.
 *
 * @param first the first day
 * @param last the last day (inclusive)
 * @param countedMillis time that counts
 * @param downMillis downtime
 * @param partialMillis partial outage
 * @param degradedMillis degraded performance
 * @param maintenanceMillis maintenance
 * @param uptimePercent weighted uptime; 100 without counted time
 */
public record UptimeFigure(LocalDate first, LocalDate last, long countedMillis, long downMillis,
    long partialMillis, long degradedMillis, long maintenanceMillis, double uptimePercent) {}
