package dev.obskit.errors.capture;

/**
 * What happened to captures since the tracker started. A snapshot; immutable.
 *
 * @param captured captures accepted onto the queue
 * @param sampledOut captures skipped by sampling
 * @param deduplicated captures skipped as an already captured Throwable
 * @param dropped captures lost because the queue was full or the tracker closed
 * @param filtered events dropped by the before-send hook (returned null or threw)
 * @param delivered events handed to the sink successfully
 * @param failed events whose conversion or sink threw
 * @param spooled captures written to the overflow spool because the queue was full (also in
 *     {@code captured}); with a spool, {@code dropped} counts only captures a full spool refused
 * @param hookFailures before-send calls that threw (Errors included; also in {@code filtered})
 * @param workerRestarts times the worker thread died and was replaced
 */
public record TrackerStats(long captured, long sampledOut, long deduplicated, long dropped,
    long filtered, long delivered, long failed, long spooled, long hookFailures,
    long workerRestarts) {
  /** Returns captures still queued or in progress. */
  public long pending() {
    return captured - filtered - delivered - failed;
  }
}
