package dev.obskit.uptime.availability;

import java.util.Arrays;

/**
 * The fixed-size summary kept for a closed bucket's response times: the exact sample count and
 * the {@link LatencyDigest} bucket index at five nearest ranks ({@link #LEVELS}: p50, p90, p95,
 * p99 and the maximum), one byte each.
 *
 * <p>Error, stated so tests can check it. The stored indices are the ones the full digest would
 * report, so {@code percentile(50/95/99)} equal the open digest's answers exactly, and against
 * the true samples they over-estimate by at most 10 % and never under-estimate (the digest's
 * bound). Other percentiles answer with the next stored level above (an over-estimate).
 * {@link #countAtOrBelow(long)} returns the rank of the highest stored level whose bucket is at
 * or below the threshold: exact when the threshold reaches the maximum's bucket (every sample
 * counts), otherwise a lower bound that misses at most the samples between that level and the
 * next one (under 50 % of the bucket's samples below p50, 40 % between p50 and p90, then 5 %,
 * 4 % and 1 %).
 * A lower bound makes a latency SLI pessimistic, never flattering. Immutable.
 */
final class QuantileSketch implements LatencyView {
  /** The percentile levels stored, ascending; 100 is the maximum. */
  static final double[] LEVELS = {50, 90, 95, 99, 100};
  /** Bytes of one encoded sketch's level indices. */
  static final int POINTS = LEVELS.length;

  private final long total;
  private final byte[] indices;

  private QuantileSketch(long total, byte[] indices) {
    this.total = total;
    this.indices = indices;
  }

  /** Summarises a non-empty digest. */
  static QuantileSketch of(LatencyDigest d) {
    byte[] idx = new byte[POINTS];
    for (int i = 0; i < POINTS; i++) {
      idx[i] = (byte) d.percentileIndex(LEVELS[i]);
    }
    return new QuantileSketch(d.total(), idx);
  }

  /** Rebuilds a sketch from its count and {@link #POINTS} indices at {@code from}. */
  static QuantileSketch read(long total, byte[] src, int from) {
    return new QuantileSketch(total, Arrays.copyOfRange(src, from, from + POINTS));
  }

  /** Writes the {@link #POINTS} level indices to {@code dst} at {@code at}. */
  void writeIndices(byte[] dst, int at) {
    System.arraycopy(indices, 0, dst, at, POINTS);
  }

  int indexAt(int level) {
    return indices[level] & 0xFF;
  }

  @Override
  public long total() {
    return total;
  }

  @Override
  public long percentile(double p) {
    if (total == 0) {
      return -1;
    }
    for (int i = 0; i < POINTS; i++) {
      if (p <= LEVELS[i]) {
        return LatencyDigest.upperBound(indexAt(i));
      }
    }
    return LatencyDigest.upperBound(indexAt(POINTS - 1));
  }

  @Override
  public long countAtOrBelow(long millis) {
    int threshold = LatencyDigest.index(millis);
    long n = 0;
    for (int i = 0; i < POINTS && indexAt(i) <= threshold; i++) {
      n = rank(LEVELS[i], total);
    }
    return n;
  }

  /** The nearest rank of percentile {@code p} among {@code total} samples (1-based). */
  static long rank(double p, long total) {
    return Math.max(1, (long) Math.ceil(p / 100.0 * total));
  }
}
