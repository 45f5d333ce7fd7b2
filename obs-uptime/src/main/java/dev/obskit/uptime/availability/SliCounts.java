package dev.obskit.uptime.availability;

/**
 * Good and total events of a service level indicator over a window. For availability SLIs the
 * "events" are milliseconds (good = up time, total = up + down time; maintenance excluded); for
 * latency SLIs they are checks (good = successful checks at or under the threshold). Immutable.
 *
 * @param good good events
 * @param total all counted events
 */
public record SliCounts(long good, long total) {
  /** Returns the error ratio (bad / total), 0 when nothing was counted. */
  public double errorRatio() {
    return total == 0 ? 0.0 : (double) (total - good) / total;
  }
}
