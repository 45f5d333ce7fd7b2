package dev.obskit.errors.issue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per issue in fixed windows aligned to the epoch and reports the event that
 * reaches the threshold, once per window. Fixed windows keep the state to two numbers per issue;
 * a burst straddling a boundary may need up to twice the threshold to fire, an accepted trade-off.
 * Thread-safe.
 */
final class SpikeDetector {
  private record Window(long start, long count) {}

  private final ConcurrentHashMap<IssueId, Window> windows = new ConcurrentHashMap<>();

  /** Counts one event at {@code at}; returns true for exactly the threshold-reaching event. */
  boolean record(IssueId issue, Instant at, int threshold, Duration window) {
    long size = window.toMillis();
    long start = Math.floorDiv(at.toEpochMilli(), size) * size;
    Window w = windows.compute(issue, (k, cur) ->
        cur == null || cur.start != start ? new Window(start, 1) : new Window(start, cur.count + 1));
    return w.count == threshold;
  }
}
