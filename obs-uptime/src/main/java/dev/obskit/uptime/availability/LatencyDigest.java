package dev.obskit.uptime.availability;

import java.util.Arrays;

/**
 * A log-scale histogram of response times in milliseconds: bucket 0 holds 0 ms, bucket
 * {@code i >= 1} holds values in {@code (G^(i-2), G^(i-1)]} with growth {@code G = 1.1}, up to
 * {@link #MAX_MILLIS} (larger values land in the last bucket). Percentiles are reported as the
 * largest whole millisecond of the bucket holding the nearest-rank sample, so they over-estimate
 * by at most 10 % (never under-estimate), and are exact for 0 ms.
 *
 * <p>Storage is sparse because one monitor's response times cluster in a few buckets: a sorted
 * array of {@code (bucket << 16 | count)} cells. Buckets with at most two samples do not even
 * need a digest: {@link BucketRing} keeps their indices inline and builds one only to answer a
 * query. Counts saturate at 65,535 per cell. Digests merge
 * by adding counts, which is how minute buckets roll up into hours and days. Not thread-safe;
 * guarded by its owner.
 */
final class LatencyDigest {
  static final double GROWTH = 1.1;
  static final int MAX_MILLIS = 60_000;
  static final int BUCKETS = 2 + (int) Math.ceil(Math.log(MAX_MILLIS) / Math.log(GROWTH));
  private static final int MAX_COUNT = 0xFFFF;
  private static final int[] EMPTY = new int[0];

  private int[] cells = EMPTY;
  private int size;
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
    addIndex(index(millis));
  }

  /** Adds one sample already mapped to its bucket by {@link #index(long)}. */
  void addIndex(int bucket) {
    int pos = find(bucket);
    if (pos >= 0) {
      if ((cells[pos] & MAX_COUNT) < MAX_COUNT) {
        cells[pos]++;
        total++;
      }
      return;
    }
    int insert = -pos - 1;
    if (size == cells.length) {
      cells = Arrays.copyOf(cells, Math.max(2, size + (size >> 1) + 1));
    }
    System.arraycopy(cells, insert, cells, insert + 1, size - insert);
    cells[insert] = bucket << 16 | 1;
    size++;
    total++;
  }

  private int find(int bucket) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int b = cells[mid] >>> 16;
      if (b < bucket) {
        lo = mid + 1;
      } else if (b > bucket) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** Returns an estimate of this digest's heap (object and cell array, headers included). */
  long footprintBytes() {
    return 32 + (cells.length == 0 ? 0 : 16 + 4L * cells.length);
  }

  long total() {
    return total;
  }

  /** Returns how many samples are at or below {@code millis} (bucket precision). */
  long countAtOrBelow(long millis) {
    int last = index(millis);
    long n = 0;
    for (int i = 0; i < size && cells[i] >>> 16 <= last; i++) {
      n += cells[i] & MAX_COUNT;
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
    for (int i = 0; i < size; i++) {
      seen += cells[i] & MAX_COUNT;
      if (seen >= rank) {
        return upperBound(cells[i] >>> 16);
      }
    }
    return upperBound(cells[size - 1] >>> 16);
  }
}
