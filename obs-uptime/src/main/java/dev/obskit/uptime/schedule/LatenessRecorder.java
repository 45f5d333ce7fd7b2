package dev.obskit.uptime.schedule;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts schedule lateness (start time minus due time) at 1 ms resolution up to 10 s, plus an
 * overflow bucket; percentiles are exact to the millisecond below 10 s. Lock-free, thread-safe.
 */
final class LatenessRecorder {
  static final int MAX_MILLIS = 10_000;
  private final AtomicLongArray counts = new AtomicLongArray(MAX_MILLIS + 2);

  void record(long latenessMillis) {
    int i = (int) Math.max(0, Math.min(MAX_MILLIS + 1, latenessMillis));
    counts.incrementAndGet(i);
  }

  long total() {
    long n = 0;
    for (int i = 0; i < counts.length(); i++) {
      n += counts.get(i);
    }
    return n;
  }

  /** Returns the nearest-rank percentile in ms; {@code MAX_MILLIS + 1} means "over 10 s". */
  long percentile(double p) {
    long total = total();
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return i;
      }
    }
    return MAX_MILLIS + 1;
  }

  void reset() {
    for (int i = 0; i < counts.length(); i++) {
      counts.set(i, 0);
    }
  }
}
