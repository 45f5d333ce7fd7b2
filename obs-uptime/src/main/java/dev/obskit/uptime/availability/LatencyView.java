package dev.obskit.uptime.availability;

/**
 * Read access to one bucket's response times, whether held as a full {@link LatencyDigest} (open
 * buckets, exact bucket counts) or as a closed bucket's fixed-size {@link QuantileSketch}.
 */
interface LatencyView {
  /** Returns how many samples the view summarises. */
  long total();

  /** Returns the nearest-rank percentile {@code p} in (0, 100] in milliseconds, -1 when empty. */
  long percentile(double p);

  /** Returns how many samples are at or below {@code millis} (exact or a documented bound). */
  long countAtOrBelow(long millis);
}
