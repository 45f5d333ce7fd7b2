package dev.obskit.telemetry.sink;

import java.io.Closeable;

/**
 * Where batches of buffered records go: an HTTP ingestion endpoint, a file, a database. SPI; each
 * sink gets its own sender thread and its own buffer cursor, named {@link #getName()}.
 *
 * <p>{@link #send} is called from one thread at a time, must never throw and must classify the
 * outcome: {@link SendResult#success()} commits the batch, {@link SendResult#retry} re-sends the
 * same batch after a backoff, {@link SendResult#reject} dead-letters it with the reason.
 */
public interface TelemetrySink extends Closeable {
  /** Returns a stable name; it names the sink's read position on disk, so keep it across runs. */
  String getName();

  /** Sends one batch (records are JSON objects as written by the encoder). Never throws. */
  SendResult send(SinkBatch batch);

  /** Releases connections or files. Never throws. */
  @Override
  default void close() {}
}
