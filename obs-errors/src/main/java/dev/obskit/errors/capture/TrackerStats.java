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
 */
public record TrackerStats(long captured, long sampledOut, long deduplicated, long dropped,
    long filtered, long delivered, long failed) {
  /** Returns captures still queued or in progress. */
  public long pending() {
    return captured - filtered - delivered - failed;
  }
}
