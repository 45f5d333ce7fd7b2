package dev.obskit.telemetry.otel;

import dev.obskit.telemetry.Telemetry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * What the durable exporters share: an export "succeeds" once every item is in the buffer, items
 * the buffer refused are counted, and after shutdown every export fails. Thread-safe.
 */
final class BufferingExport {
  /** How long an exporter's {@code flush()} waits for the pipeline to ship. */
  static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

  private final Telemetry telemetry;
  private final LongAdder dropped = new LongAdder();
  private volatile boolean shutdown;

  BufferingExport(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  /** Offers each item to {@code buffer} (true when buffered); fails if any was refused. */
  <T> CompletableResultCode export(Collection<T> items, Predicate<T> buffer) {
    if (shutdown) {
      return CompletableResultCode.ofFailure();
    }
    boolean all = true;
    for (T item : items) {
      if (!buffer.test(item)) {
        dropped.increment();
        all = false;
      }
    }
    return all ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofFailure();
  }

  long dropped() {
    return dropped.sum();
  }

  CompletableResultCode flush() {
    return telemetry.flush(FLUSH_TIMEOUT) ? CompletableResultCode.ofSuccess()
        : CompletableResultCode.ofFailure();
  }

  CompletableResultCode shutdown() {
    shutdown = true;
    return CompletableResultCode.ofSuccess();
  }
}
