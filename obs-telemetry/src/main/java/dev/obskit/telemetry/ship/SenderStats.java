package dev.obskit.telemetry.ship;

/**
 * Counters of one sink's sender since start.
 *
 * @param sink the sink name
 * @param shippedRecords records the sink accepted
 * @param shippedBytes their size (uncompressed)
 * @param retries sends that failed transiently and were retried
 * @param deadLettered records rejected permanently and written to the dead-letter file
 * @param backlog records buffered but not yet accepted by this sink
 * @param sends completed send attempts
 * @param sendNanosTotal total time spent in send attempts
 * @param sendNanosMax the slowest send attempt
 * @param splits batches (or parts) split in halves because the sink said they were too large
 * @param resentAfterRestart records of the batch a previous run had in flight, re-sent at start
 *     under the same batch id: the upper bound of the duplicates a receiver that does not
 *     deduplicate by batch id may see from a restart
 */
public record SenderStats(String sink, long shippedRecords, long shippedBytes, long retries,
    long deadLettered, long backlog, long sends, long sendNanosTotal, long sendNanosMax,
    long splits, long resentAfterRestart) {

  /** Returns the mean send latency in nanoseconds (0 before the first send). */
  public long meanSendNanos() {
    return sends == 0 ? 0 : sendNanosTotal / sends;
  }
}
