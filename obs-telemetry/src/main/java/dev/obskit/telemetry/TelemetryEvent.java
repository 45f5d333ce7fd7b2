package dev.obskit.telemetry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One log event as captured on the calling thread: every field is a snapshot (strings and plain
 * values), never a reference to the logging framework's event or to argument objects, so nothing
 * of the host's object graph is retained once the event is encoded.
 *
 * <p>Mutable on purpose: the transform pipeline edits events in place before encoding, which keeps
 * the hot path free of copies. Not thread-safe; owned by the thread that created it.
 */
public final class TelemetryEvent {
  private long epochNanos;
  private Severity severity = Severity.INFO;
  private String logger = "";
  private String thread = "";
  private String message = "";
  private String traceId;
  private String spanId;
  private List<String> markers = List.of();
  /** Created on the first attribute: most log calls carry none, and the map is a third of the
   * event's allocation. */
  private Map<String, Object> attributes;
  private ThrowableInfo throwable;
  private byte[] otlp;

  /** Creates an INFO event with an empty message at time 0; callers fill it in. */
  public TelemetryEvent() {}

  /** Creates an event with the given time, level, logger and message. */
  public static TelemetryEvent of(long epochNanos, Severity severity, String logger, String message) {
    return new TelemetryEvent().setEpochNanos(epochNanos).setSeverity(severity).setLogger(logger)
        .setMessage(message);
  }

  public long epochNanos() {
    return epochNanos;
  }

  public TelemetryEvent setEpochNanos(long epochNanos) {
    this.epochNanos = epochNanos;
    return this;
  }

  public Severity severity() {
    return severity;
  }

  public TelemetryEvent setSeverity(Severity severity) {
    this.severity = Objects.requireNonNull(severity, "severity");
    return this;
  }

  public String logger() {
    return logger;
  }

  public TelemetryEvent setLogger(String logger) {
    this.logger = logger == null ? "" : logger;
    return this;
  }

  public String thread() {
    return thread;
  }

  public TelemetryEvent setThread(String thread) {
    this.thread = thread == null ? "" : thread;
    return this;
  }

  public String message() {
    return message;
  }

  public TelemetryEvent setMessage(String message) {
    this.message = message == null ? "" : message;
    return this;
  }

  /** Returns the 32-hex-digit trace id, or null when the event was logged outside a trace. */
  public String traceId() {
    return traceId;
  }

  /** Returns the 16-hex-digit span id, or null. */
  public String spanId() {
    return spanId;
  }

  /** Sets the trace context; invalid (all-zero or empty) ids are stored as null. */
  public TelemetryEvent setTraceContext(String traceId, String spanId) {
    this.traceId = validId(traceId, 32);
    this.spanId = validId(spanId, 16);
    return this;
  }

  private static String validId(String id, int length) {
    if (id == null || id.length() != length) {
      return null;
    }
    for (int i = 0; i < length; i++) {
      if (id.charAt(i) != '0') {
        return id;
      }
    }
    return null;
  }

  public List<String> markers() {
    return markers;
  }

  public TelemetryEvent setMarkers(List<String> markers) {
    this.markers = markers == null ? List.of() : markers;
    return this;
  }

  /**
   * Returns the live attribute map (MDC/ThreadContext entries, key-value pairs, added fields), in
   * insertion order. Values are strings, numbers or booleans; anything else is encoded with
   * {@code toString()}.
   */
  public Map<String, Object> attributes() {
    if (attributes == null) {
      attributes = new LinkedHashMap<>();
    }
    return attributes;
  }

  /** Returns true if the event has at least one attribute (without creating the map). */
  public boolean hasAttributes() {
    return attributes != null && !attributes.isEmpty();
  }

  public TelemetryEvent putAttribute(String key, Object value) {
    if (key != null && value != null) {
      attributes().put(key, value);
    }
    return this;
  }

  /**
   * Returns the OTLP JSON object an OpenTelemetry exporter attached (resource, scope, exact
   * times, flags, a body that is not a string), or null. The OTLP sink sends it; others ignore it.
   */
  public byte[] otlp() {
    return otlp;
  }

  /** Attaches one pre-encoded JSON object (see {@link #otlp()}); the array is not copied. */
  public TelemetryEvent setOtlp(byte[] otlpJson) {
    this.otlp = otlpJson;
    return this;
  }

  public ThrowableInfo throwable() {
    return throwable;
  }

  public TelemetryEvent setThrowable(ThrowableInfo throwable) {
    this.throwable = throwable;
    return this;
  }

  /** Convenience: captures {@code t} with its stack (including causes) on the calling thread. */
  public TelemetryEvent setThrowable(Throwable t) {
    this.throwable = t == null ? null : ThrowableInfo.capture(t);
    return this;
  }

  /**
   * A throwable reduced to text on the calling thread.
   *
   * @param type the class name
   * @param message the message, possibly null
   * @param stackTrace the full stack trace text, causes included
   */
  public record ThrowableInfo(String type, String message, String stackTrace) {
    /** Captures {@code t}: class, message and {@code printStackTrace} text with its causes. */
    public static ThrowableInfo capture(Throwable t) {
      java.io.StringWriter w = new java.io.StringWriter(512);
      t.printStackTrace(new java.io.PrintWriter(w));
      return new ThrowableInfo(t.getClass().getName(), t.getMessage(), w.toString());
    }
  }
}
