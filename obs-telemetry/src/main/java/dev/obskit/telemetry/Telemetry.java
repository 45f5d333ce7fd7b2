package dev.obskit.telemetry;

import static java.util.Objects.requireNonNull;

import dev.obskit.telemetry.buffer.BufferStats;
import dev.obskit.telemetry.buffer.ChronicleTelemetryBuffer;
import dev.obskit.telemetry.buffer.InMemoryTelemetryBuffer;
import dev.obskit.telemetry.buffer.TelemetryBuffer;
import dev.obskit.telemetry.encode.RecordEncoder;
import dev.obskit.telemetry.ship.BatchSender;
import dev.obskit.telemetry.ship.SenderStats;
import dev.obskit.telemetry.ship.ShipListener;
import dev.obskit.telemetry.sink.TelemetrySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running telemetry pipeline: transforms and encodes events on the calling thread, appends them
 * to the buffer, and ships them with one {@link BatchSender} thread per sink.
 *
 * <p>Guarantees: {@link #emit} never throws into the caller and never blocks longer than the
 * buffer's overflow policy allows; with the durable buffer, every event for which {@code emit}
 * returned {@code true} reaches every sink at least once, across crashes and restarts (unless a sink
 * rejects it permanently, in which case it is in the dead-letter file). Thread-safe.
 */
public final class Telemetry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Telemetry.class);

  private final TelemetryConfig config;
  private final TelemetryBuffer buffer;
  private final RecordEncoder encoder;
  private final List<BatchSender> senders = new ArrayList<>();
  private final LongAdder emitted = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final LongAdder encodeFailures = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LiveTail tail = new LiveTail();
  private final String fallbackReason;

  private Telemetry(TelemetryConfig config, TelemetryBuffer buffer, ShipListener listener,
      String fallbackReason) {
    this.config = config;
    this.buffer = buffer;
    this.fallbackReason = fallbackReason;
    this.encoder = new RecordEncoder(config.maxFieldChars());
    for (TelemetrySink sink : config.sinks()) {
      senders.add(new BatchSender(sink, buffer.cursor(sink.getName()), config.ship(), listener,
          buffer.id()));
    }
  }

  /**
   * Opens the buffer (re-shipping what a previous run left in it) and starts one sender per sink.
   * Without the JVM flags the durable buffer needs, fails or falls back to memory as
   * {@link TelemetryConfig#onMissingFlags()} says (a fallback logs a WARN and reports health
   * DEGRADED).
   *
   * @throws IllegalStateException if the durable buffer cannot run in this JVM (missing flags: the
   *     message names them) and the policy is {@link MissingFlagsPolicy#FAIL}, or its directory
   *     cannot be opened
   */
  public static Telemetry start(TelemetryConfig config, ShipListener listener) {
    requireNonNull(config, "config");
    requireNonNull(listener, "listener");
    String fallback = null;
    TelemetryBuffer buffer;
    if (config.bufferType() == BufferType.MEMORY) {
      buffer = new InMemoryTelemetryBuffer(config.buffer());
    } else {
      List<String> missing = ChronicleTelemetryBuffer.missingJvmFlags();
      if (missing.isEmpty() || config.onMissingFlags() == MissingFlagsPolicy.FAIL) {
        buffer = ChronicleTelemetryBuffer.open(config.buffer());
      } else {
        fallback = "the durable buffer is replaced by a memory buffer (lost on a crash) because"
            + " the JVM lacks " + String.join(" ", missing) + "; start the JVM with "
            + ChronicleTelemetryBuffer.REQUIRED_JVM_FLAGS;
        buffer = new InMemoryTelemetryBuffer(config.buffer());
      }
    }
    return start(config, listener, buffer, fallback);
  }

  /** Starts on a given buffer (tests wrap the real buffers with it). */
  static Telemetry start(TelemetryConfig config, ShipListener listener, TelemetryBuffer buffer,
      String fallbackReason) {
    Telemetry t = new Telemetry(config, buffer, listener, fallbackReason);
    t.senders.forEach(BatchSender::start);
    if (fallbackReason != null) {
      log.warn("ObsKit telemetry '{}': {}", config.name(), fallbackReason);
      SelfDiagnostics.record(Severity.WARN, Telemetry.class.getName(), fallbackReason);
    }
    if (buffer.isDurable()) {
      log.info("ObsKit telemetry '{}' started: {} buffer in {}, sinks {}", config.name(),
          buffer.getName(), config.buffer().directory(), t.sinkNames());
    } else {
      log.info("ObsKit telemetry '{}' started: {} buffer (not durable), sinks {}", config.name(),
          buffer.getName(), t.sinkNames());
    }
    return t;
  }

  /** Starts with a listener that ignores shipped batches. */
  public static Telemetry start(TelemetryConfig config) {
    return start(config, ShipListener.noop());
  }

  private List<String> sinkNames() {
    List<String> names = new ArrayList<>();
    senders.forEach(s -> names.add(s.sink().getName()));
    return names;
  }

  /** Returns the pipeline name. */
  public String name() {
    return config.name();
  }

  /** Returns the configuration. */
  public TelemetryConfig config() {
    return config;
  }

  /** Returns the buffer (for inspection; appends should go through {@link #emit}). */
  public TelemetryBuffer buffer() {
    return buffer;
  }

  /**
   * Transforms, encodes and buffers {@code event} on the calling thread. Returns {@code true} if it
   * is buffered (or was filtered out on purpose), {@code false} if it was dropped (counted). Never
   * throws.
   */
  public boolean emit(TelemetryEvent event) {
    if (!SelfDiagnostics.enter()) {
      // Logged from inside this or another pipeline's emit on the same thread (a transform or
      // the buffer logging): a nested append would reuse this thread's encoding buffer and
      // Chronicle's open document and lose the outer record.
      SelfDiagnostics.exit();
      SelfDiagnostics.record(event.severity(), event.logger(), event.message());
      return false;
    }
    try {
      return emitOutermost(event);
    } finally {
      SelfDiagnostics.exit();
    }
  }

  private boolean emitOutermost(TelemetryEvent event) {
    emitted.increment();
    TelemetryEvent e = config.transforms().apply(event);
    if (e == null) {
      filtered.increment();
      return true;
    }
    RecordEncoder.Encoded encoded;
    try {
      encoded = encoder.encode(e);
    } catch (RuntimeException ex) {
      encodeFailures.increment();
      return false;
    }
    boolean appended = buffer.append(encoded.array(), 0, encoded.length());
    if (appended) {
      tail.publish(e, encoded.array(), encoded.length());
    }
    return appended;
  }

  /**
   * Returns this pipeline's live-tail source: subscribe with a {@link TailFilter} to receive the
   * log events emitted from now on.
   */
  public LiveTail tail() {
    return tail;
  }

  /**
   * Buffers an already encoded record (one JSON object whose first field is {@code "kind"}), as
   * the OpenTelemetry exporters do. Same guarantees as {@link #emit}.
   */
  public boolean appendEncoded(byte[] record, int offset, int length) {
    emitted.increment();
    SelfDiagnostics.enter();
    try {
      return buffer.append(record, offset, length);
    } finally {
      SelfDiagnostics.exit();
    }
  }

  /** Returns the encoder this pipeline uses. */
  public RecordEncoder encoder() {
    return encoder;
  }

  /**
   * Ships everything buffered now, waiting up to {@code timeout}; returns true if every sink
   * caught up. Never throws.
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean all = true;
    for (BatchSender s : senders) {
      long left = Math.max(0, deadline - System.nanoTime());
      all &= s.flush(Duration.ofNanos(left));
    }
    return all;
  }

  /**
   * Flushes for at most {@code timeout}, stops the senders and closes the buffer. What was not
   * shipped stays in the durable buffer and is shipped at the next start. Idempotent; never throws;
   * returns within about {@code timeout}.
   */
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    TelemetryRegistry.unregister(this);
    tail.close();
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean drained = flush(timeout.multipliedBy(3).dividedBy(4));
    for (BatchSender s : senders) {
      s.stop(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
    }
    buffer.close();
    if (!drained) {
      log.info("ObsKit telemetry '{}' closed with records still buffered; they ship at the next"
          + " start", config.name());
    }
  }

  /** Closes with a 5 second deadline. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private TelemetryHealth health(long dropped) {
    List<String> reasons = new ArrayList<>();
    if (fallbackReason != null) {
      reasons.add(fallbackReason);
    }
    if (dropped > 0) {
      reasons.add(dropped + " records dropped (buffer cap or disk floor reached, oversized or"
          + " unencodable records)");
    }
    for (BatchSender s : senders) {
      if (!s.isRunning() && !closed.get()) {
        reasons.add("the sender of sink '" + s.sink().getName() + "' is not running");
      }
    }
    return TelemetryHealth.of(reasons);
  }

  /** Returns the pipeline's health: the same as {@code stats().health()}. */
  public TelemetryHealth health() {
    return stats().health();
  }

  /** Returns current counters; cheap enough to poll every second. */
  public TelemetryStats stats() {
    BufferStats b = buffer.stats();
    List<SenderStats> perSink = new ArrayList<>();
    long queued = 0;
    long shipped = 0;
    long retried = 0;
    long dead = 0;
    long sends = 0;
    long sendNanos = 0;
    long maxNanos = 0;
    for (BatchSender s : senders) {
      SenderStats st = s.stats();
      perSink.add(st);
      queued = Math.max(queued, st.backlog());
      shipped += st.shippedRecords();
      retried += st.retries();
      dead += st.deadLettered();
      sends += st.sends();
      sendNanos += st.sendNanosTotal();
      maxNanos = Math.max(maxNanos, st.sendNanosMax());
    }
    long dropped = b.dropped() + encodeFailures.sum();
    return new TelemetryStats(emitted.sum(), filtered.sum(), queued, shipped, retried,
        dropped, dead, b.bytes(), sends == 0 ? 0 : sendNanos / sends,
        maxNanos, List.copyOf(perSink), health(dropped), SelfDiagnostics.recorded());
  }
}
