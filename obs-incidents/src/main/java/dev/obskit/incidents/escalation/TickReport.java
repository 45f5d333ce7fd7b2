package dev.obskit.incidents.escalation;

/**
 * What one {@link EscalationEngine#tick()} did. Immutable.
 *
 * @param scanned open incidents looked at
 * @param acknowledgementsExpired acknowledged incidents returned to TRIGGERED
 * @param stepsRun escalation steps executed
 */
public record TickReport(int scanned, int acknowledgementsExpired, int stepsRun) {}
