package dev.obskit.telemetry.sink;

import java.io.Closeable;

/**
 * Where batches of buffered records go: an HTTP ingestion endpoint, a file, a database. SPI; each
 * sink gets its own sender thread and its own buffer cursor, named {@link #getName()}.
 *
 * <p>{@link #send} is called from one thread at a time, must never throw and must classify the
 * outcome: {@link SendResult#success()} commits the batch, {@link SendResult#retry} re-sends the
 * same batch after a backoff, {@link SendResult#reject} dead-letters it with the reason,
 * {@link SendResult#tooLarge} makes the sender split it in halves (down to single records, which
 * are dead-lettered).
 */
public interface TelemetrySink extends Closeable {
  /** Returns a stable name; it names the sink's read position on disk, so keep it across runs. */
  String getName();

  /** Sends one batch (records are JSON objects as written by the encoder). Never throws. */
  SendResult send(SinkBatch batch);

  /**
   * Returns the most record bytes (uncompressed, as buffered) one batch may hold so that the
   * request stays within the endpoint's documented size limit; the sender caps its batches at the
   * smaller of this and its configured batch size. Default: no limit of the sink's own.
   */
  default long maxBatchBytes() {
    return Long.MAX_VALUE;
  }

  /** Releases connections or files. Never throws. */
  @Override
  default void close() {}
}
