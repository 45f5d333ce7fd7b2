package dev.obskit.telemetry.ship;

import dev.obskit.telemetry.sink.SendResult;
import dev.obskit.telemetry.sink.SinkBatch;
import java.time.Duration;

/** Told about each batch a sink accepted; called on the sender thread, must not block. */
@FunctionalInterface
public interface ShipListener {
  /**
   * A batch was accepted.
   *
   * @param sink the sink name
   * @param batch the batch
   * @param logBytes bytes of log records in it
   * @param spanBytes bytes of span records in it
   */
  void onShipped(String sink, SinkBatch batch, long logBytes, long spanBytes);

  /**
   * A send failed transiently and the same batch will be re-sent after {@code delay} (the
   * server's Retry-After, or the jittered backoff). Default: nothing.
   *
   * @param sink the sink name
   * @param batch the batch (same id on the re-send)
   * @param result the failed outcome, with status and reason
   * @param delay the wait before the re-send
   */
  default void onRetry(String sink, SinkBatch batch, SendResult result, Duration delay) {}

  /** Returns a listener that ignores everything. */
  static ShipListener noop() {
    return (sink, batch, logBytes, spanBytes) -> { };
  }
}
