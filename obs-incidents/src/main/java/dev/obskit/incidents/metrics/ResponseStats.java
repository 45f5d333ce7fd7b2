package dev.obskit.incidents.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Distribution of one response time (TTA or TTR) over a set of incidents: count, mean and
 * nearest-rank percentiles, because a mean alone hides the tail. Immutable.
 *
 * @param count how many incidents had a value
 * @param mean arithmetic mean (MTTA / MTTR), zero when count is 0
 * @param p50 median
 * @param p90 90th percentile
 * @param p95 95th percentile
 * @param max the longest
 */
public record ResponseStats(int count, Duration mean, Duration p50, Duration p90, Duration p95,
    Duration max) {

  /** Returns the stats of nothing. */
  public static ResponseStats empty() {
    return new ResponseStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO);
  }

  /** Computes the stats of {@code values}. */
  public static ResponseStats of(Collection<Duration> values) {
    if (values.isEmpty()) {
      return empty();
    }
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    Duration total = Duration.ZERO;
    for (Duration d : sorted) {
      total = total.plus(d);
    }
    return new ResponseStats(sorted.size(), total.dividedBy(sorted.size()), percentile(sorted, 50),
        percentile(sorted, 90), percentile(sorted, 95), sorted.get(sorted.size() - 1));
  }

  /**
   * Nearest-rank percentile: the smallest value such that at least {@code p} percent of the values
   * are less than or equal to it ({@code sorted[ceil(p/100 * n) - 1]}).
   */
  static Duration percentile(List<Duration> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
