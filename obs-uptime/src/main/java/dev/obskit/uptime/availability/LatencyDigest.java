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
 * array of cells, two bytes each ({@code bucket << 8 | count}) while every count fits a byte,
 * which holds an hour of 30-second checks, then four ({@code bucket << 16 | count}). Buckets with at most two samples do not even
 * need a digest: {@link RingChunk} keeps their indices inline and builds one only to answer a
 * query; a closed bucket's digest is replaced by its {@link QuantileSketch}. Counts saturate at 65,535 per cell. Digests merge
 * by adding counts, which is how minute buckets roll up into hours and days. Not thread-safe;
 * guarded by its owner.
 */
final class LatencyDigest implements LatencyView {
  static final double GROWTH = 1.1;
  static final int MAX_MILLIS = 60_000;
  static final int BUCKETS = 2 + (int) Math.ceil(Math.log(MAX_MILLIS) / Math.log(GROWTH));
  private static final int MAX_COUNT = 0xFFFF;
  private static final int MAX_SMALL_COUNT = 0xFF;
  private static final char[] EMPTY = new char[0];

  /** Cells {@code (bucket << 8 | count)} while every count fits a byte (an hour at 30 s). */
  private char[] small = EMPTY;
  /** Cells {@code (bucket << 16 | count)} once a count exceeded 255; then {@code small} is null. */
  private int[] wide;
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
      int count = countAt(pos);
      if (count >= MAX_COUNT) {
        return;
      }
      if (wide == null && count >= MAX_SMALL_COUNT) {
        widen();
      }
      setCell(pos, bucket, count + 1);
      total++;
      return;
    }
    int insert = -pos - 1;
    if (wide != null) {
      if (size == wide.length) {
        wide = Arrays.copyOf(wide, grow(size));
      }
      System.arraycopy(wide, insert, wide, insert + 1, size - insert);
    } else {
      if (size == small.length) {
        small = Arrays.copyOf(small, grow(size));
      }
      System.arraycopy(small, insert, small, insert + 1, size - insert);
    }
    size++;
    setCell(insert, bucket, 1);
    total++;
  }

  /**
   * Appends a cell for a bucket above every bucket present with {@code count} samples (1 to
   * 65,535); used to decode a digest packed by {@link BucketRing}.
   */
  void appendCell(int bucket, int count) {
    if (wide == null && count > MAX_SMALL_COUNT) {
      widen();
    }
    if (wide != null) {
      if (size == wide.length) {
        wide = Arrays.copyOf(wide, grow(size));
      }
    } else if (size == small.length) {
      small = Arrays.copyOf(small, grow(size));
    }
    setCell(size, bucket, count);
    size++;
    total += count;
  }

  /** Returns how many cells (distinct buckets) hold samples. */
  int cells() {
    return size;
  }

  private static int grow(int size) {
    return Math.max(2, size + (size >> 1) + 1);
  }

  private void widen() {
    int[] cells = new int[Math.max(2, small.length)];
    for (int i = 0; i < size; i++) {
      cells[i] = bucketAt(i) << 16 | countAt(i);
    }
    wide = cells;
    small = null;
  }

  /** Returns the bucket of cell {@code i} (cells ascend by bucket). */
  int bucketAt(int i) {
    return wide != null ? wide[i] >>> 16 : small[i] >>> 8;
  }

  /** Returns the sample count of cell {@code i}. */
  int countAt(int i) {
    return wide != null ? wide[i] & MAX_COUNT : small[i] & MAX_SMALL_COUNT;
  }

  private void setCell(int i, int bucket, int count) {
    if (wide != null) {
      wide[i] = bucket << 16 | count;
    } else {
      small[i] = (char) (bucket << 8 | count);
    }
  }

  private int find(int bucket) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int b = bucketAt(mid);
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
    long cells = wide != null ? 16 + 4L * wide.length
        : small.length == 0 ? 0 : 16 + 2L * small.length;
    return 32 + cells;
  }

  @Override
  public long total() {
    return total;
  }

  /** Returns how many samples are at or below {@code millis} (bucket precision). */
  @Override
  public long countAtOrBelow(long millis) {
    int last = index(millis);
    long n = 0;
    for (int i = 0; i < size && bucketAt(i) <= last; i++) {
      n += countAt(i);
    }
    return n;
  }

  /** Returns the nearest-rank percentile {@code p} in (0, 100], or -1 when empty. */
  @Override
  public long percentile(double p) {
    return total == 0 ? -1 : upperBound(percentileIndex(p));
  }

  /** Returns the bucket index holding the nearest-rank percentile {@code p}; needs samples. */
  int percentileIndex(double p) {
    long rank = QuantileSketch.rank(p, total);
    long seen = 0;
    for (int i = 0; i < size; i++) {
      seen += countAt(i);
      if (seen >= rank) {
        return bucketAt(i);
      }
    }
    return bucketAt(size - 1);
  }
}
