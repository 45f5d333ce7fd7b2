package dev.obskit.telemetry.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.telemetry.TelemetryEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes events into the buffer's record format: one compact JSON object per record, already a
 * valid Better Stack / NDJSON / JSONEachRow row, so most sinks concatenate records without parsing.
 *
 * <pre>{@code
 * {"kind":"log","dt":"2026-11-22T04:00:00.123456789Z","level":"INFO","severity":9,
 *  "message":"...","logger":"...","thread":"...","trace_id":"...","span_id":"...",
 *  "markers":["AUDIT"],"attributes":{"user":"u42"},
 *  "exception":{"type":"...","message":"...","stacktrace":"..."}}
 * }</pre>
 *
 * <p>{@code "kind"} is always the first field so the sender can tell logs from spans without
 * parsing. Long strings are cut at {@link #maxFieldChars()} so one record stays far below the
 * buffer's block size. Thread-safe: each thread encodes into its own reusable byte array.
 */
public final class RecordEncoder {
  /** Default cut-off for the message, each attribute value and the stack trace text. */
  public static final int DEFAULT_MAX_FIELD_CHARS = 32 * 1024;
  static final String TRUNCATED = "...[truncated]";

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

  private final int maxFieldChars;

  /** Creates an encoder that cuts strings longer than {@code maxFieldChars}. */
  public RecordEncoder(int maxFieldChars) {
    if (maxFieldChars < 64) {
      throw new IllegalArgumentException("maxFieldChars must be >= 64, got " + maxFieldChars);
    }
    this.maxFieldChars = maxFieldChars;
  }

  /** Returns an encoder with {@link #DEFAULT_MAX_FIELD_CHARS}. */
  public static RecordEncoder defaults() {
    return new RecordEncoder(DEFAULT_MAX_FIELD_CHARS);
  }

  public int maxFieldChars() {
    return maxFieldChars;
  }

  /**
   * Encodes {@code event} into this thread's reusable buffer and returns it; the returned view is
   * valid until the same thread encodes again. Never retains the event.
   */
  public Encoded encode(TelemetryEvent event) {
    Output out = OUTPUT.get();
    out.reset();
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      writeLog(g, event);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode event of " + event.logger(), e);
    }
    return out;
  }

  /**
   * Encodes a custom record (used for spans) into this thread's reusable buffer. {@code body}
   * must write exactly one JSON object whose first field is {@code "kind"}.
   */
  public Encoded encodeWith(RecordWriter body) {
    Output out = OUTPUT.get();
    out.reset();
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g, this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode record", e);
    }
    return out;
  }

  /** Writes one record with Jackson's streaming generator. */
  @FunctionalInterface
  public interface RecordWriter {
    void write(JsonGenerator g, RecordEncoder encoder) throws IOException;
  }

  /** Writes {@code attributes} as a JSON object field (strings cut at the field limit). */
  public void writeAttributesField(JsonGenerator g, String field, Map<String, ?> attributes)
      throws IOException {
    writeAttributes(g, field, attributes);
  }

  private void writeLog(JsonGenerator g, TelemetryEvent e) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", "log");
    g.writeStringField("dt", formatNanos(e.epochNanos()));
    g.writeStringField("level", e.severity().name());
    g.writeNumberField("severity", e.severity().otelNumber());
    g.writeStringField("message", cut(e.message()));
    g.writeStringField("logger", e.logger());
    g.writeStringField("thread", e.thread());
    if (e.traceId() != null) {
      g.writeStringField("trace_id", e.traceId());
    }
    if (e.spanId() != null) {
      g.writeStringField("span_id", e.spanId());
    }
    writeMarkers(g, e.markers());
    writeAttributes(g, "attributes", e.attributes());
    TelemetryEvent.ThrowableInfo t = e.throwable();
    if (t != null) {
      g.writeObjectFieldStart("exception");
      g.writeStringField("type", t.type());
      if (t.message() != null) {
        g.writeStringField("message", cut(t.message()));
      }
      g.writeStringField("stacktrace", cut(t.stackTrace()));
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeMarkers(JsonGenerator g, List<String> markers) throws IOException {
    if (markers.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart("markers");
    for (String m : markers) {
      g.writeString(m);
    }
    g.writeEndArray();
  }

  void writeAttributes(JsonGenerator g, String field, Map<String, ?> attributes) throws IOException {
    if (attributes.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, ?> a : attributes.entrySet()) {
      writeValue(g, a.getKey(), a.getValue());
    }
    g.writeEndObject();
  }

  private void writeValue(JsonGenerator g, String key, Object v) throws IOException {
    if (v instanceof Boolean) {
      g.writeBooleanField(key, (Boolean) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumberField(key, ((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumberField(key, d);
      } else {
        g.writeStringField(key, Double.toString(d));
      }
    } else {
      g.writeStringField(key, cut(String.valueOf(v)));
    }
  }

  /** Returns {@code s} cut at the field limit. */
  public String cut(String s) {
    if (s.length() <= maxFieldChars) {
      return s;
    }
    return s.substring(0, maxFieldChars) + TRUNCATED;
  }

  /** Formats epoch nanoseconds as RFC 3339 UTC with nanosecond precision (Better Stack's dt). */
  public static String formatNanos(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L)).toString();
  }

  /** A view of encoded bytes: {@code array()[0 .. length())}. */
  public interface Encoded {
    byte[] array();

    int length();

    /** Returns a copy of the encoded bytes. */
    default byte[] toByteArray() {
      return Arrays.copyOf(array(), length());
    }
  }

  /** A growable byte array reused per thread; never shrinks below its peak, capped on reset. */
  static final class Output extends OutputStream implements Encoded {
    private static final int KEEP_BYTES = 256 * 1024;
    private byte[] buf = new byte[1024];
    private int len;

    void reset() {
      len = 0;
      if (buf.length > KEEP_BYTES) {
        buf = new byte[1024];
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) {
      ensure(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }

    @Override
    public byte[] array() {
      return buf;
    }

    @Override
    public int length() {
      return len;
    }
  }
}
