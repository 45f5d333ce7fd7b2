package dev.obskit.telemetry.ship;

import dev.obskit.telemetry.sink.SinkBatch;

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

  /** Returns a listener that ignores everything. */
  static ShipListener noop() {
    return (sink, batch, logBytes, spanBytes) -> { };
  }
}
