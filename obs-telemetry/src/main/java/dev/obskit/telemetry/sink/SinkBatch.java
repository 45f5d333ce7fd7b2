package dev.obskit.telemetry.sink;

import java.util.List;
import java.util.Objects;

/**
 * One batch handed to a sink.
 *
 * @param batchId stable across retries and restarts (derived from the buffer positions), sent as
 *     the {@value #BATCH_ID_HEADER} header so receivers can recognise duplicates
 * @param records the encoded records, oldest first; not to be modified
 * @param bytes total size of the records
 */
public record SinkBatch(String batchId, List<byte[]> records, long bytes) {
  /** The HTTP header carrying {@link #batchId()}. */
  public static final String BATCH_ID_HEADER = "X-ObsKit-Batch-Id";

  public SinkBatch {
    Objects.requireNonNull(batchId, "batchId");
    records = List.copyOf(records);
  }

  /** Returns a batch over {@code records}, computing the byte total. */
  public static SinkBatch of(String batchId, List<byte[]> records) {
    long bytes = 0;
    for (byte[] r : records) {
      bytes += r.length;
    }
    return new SinkBatch(batchId, records, bytes);
  }
}
