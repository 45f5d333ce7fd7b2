package dev.obskit.uptime.availability;

/**
 * A fixed log-scale histogram of response times in milliseconds: bucket 0 holds 0 ms, bucket
 * {@code i >= 1} holds values in {@code (G^(i-1), G^i]} with growth {@code G = 1.1}, up to
 * {@link #MAX_MILLIS} (larger values land in the last bucket). Percentiles are reported as the
 * largest whole millisecond of the bucket holding the nearest-rank sample, so they over-estimate by at most 10 %
 * (never under-estimate), and are exact for 0 ms. Counts saturate at {@link Short#MAX_VALUE} per
 * bucket. 118 shorts (236 bytes) per digest; digests merge by adding counts, which is how minute
 * buckets roll up into hours and days. Not thread-safe; guarded by its owner.
 */
final class LatencyDigest {
  static final double GROWTH = 1.1;
  static final int MAX_MILLIS = 60_000;
  static final int BUCKETS = 2 + (int) Math.ceil(Math.log(MAX_MILLIS) / Math.log(GROWTH));

  private final short[] counts = new short[BUCKETS];
  private long total;

  static int index(long millis) {
    if (millis <= 0) {
      return 0;
    }
    int i = (int) Math.ceil(Math.log(millis) / Math.log(GROWTH) - 1e-9);
    return Math.min(BUCKETS - 1, Math.max(1, i + 1));
  }

  static long upperBound(int index) {
    return index == 0 ? 0 : (long) Math.floor(Math.pow(GROWTH, index - 1) + 1e-9);
  }

  void add(long millis) {
    int i = index(millis);
    if (counts[i] < Short.MAX_VALUE) {
      counts[i]++;
      total++;
    }
  }

  long total() {
    return total;
  }

  /** Returns how many samples are at or below {@code millis} (bucket precision). */
  long countAtOrBelow(long millis) {
    int last = index(millis);
    long n = 0;
    for (int i = 0; i <= last; i++) {
      n += counts[i];
    }
    return n;
  }

  /** Returns the nearest-rank percentile {@code p} in (0, 100], or -1 when empty. */
  long percentile(double p) {
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return upperBound(i);
      }
    }
    return upperBound(BUCKETS - 1);
  }
}
