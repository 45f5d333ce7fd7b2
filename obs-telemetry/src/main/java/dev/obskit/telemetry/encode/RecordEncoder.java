package dev.obskit.telemetry.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.telemetry.Severity;
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
    writeLog(out.json.reset(), event);
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

  private static final byte[] LOG_PREFIX = ascii("{\"kind\":\"log\",\"dt\":\"");
  private static final byte[][] AFTER_DT = new byte[Severity.values().length][];
  private static final byte[] LOGGER = ascii(",\"logger\":");
  private static final byte[] THREAD = ascii(",\"thread\":");

  static {
    for (Severity s : Severity.values()) {
      AFTER_DT[s.ordinal()] = ascii("\",\"level\":\"" + s.name() + "\",\"severity\":"
          + s.otelNumber() + ",\"message\":");
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * Writes one log record. The fixed head ({@code kind}, {@code dt}, {@code level},
   * {@code severity} and the field names up to {@code thread}) is copied from pre-encoded bytes;
   * the output is the same as writing every field one by one.
   */
  private void writeLog(JsonBytes w, TelemetryEvent e) {
    w.raw(LOG_PREFIX, false);
    w.timestamp(e.epochNanos());
    w.raw(AFTER_DT[e.severity().ordinal()], false);
    w.value(cut(e.message()));
    w.raw(LOGGER, false);
    w.value(e.logger());
    w.raw(THREAD, false);
    w.value(e.thread());
    if (e.traceId() != null) {
      w.name("trace_id");
      w.value(e.traceId());
    }
    if (e.spanId() != null) {
      w.name("span_id");
      w.value(e.spanId());
    }
    if (!e.markers().isEmpty()) {
      w.name("markers");
      w.startArray();
      for (String m : e.markers()) {
        w.value(m);
      }
      w.endArray();
    }
    if (e.hasAttributes()) {
      w.name("attributes");
      w.startObject();
      for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
        w.key(a.getKey());
        writeValue(w, a.getValue());
      }
      w.endObject();
    }
    TelemetryEvent.ThrowableInfo t = e.throwable();
    if (t != null) {
      w.name("exception");
      w.startObject();
      w.name("type");
      w.value(t.type());
      if (t.message() != null) {
        w.name("message");
        w.value(cut(t.message()));
      }
      w.name("stacktrace");
      w.value(cut(t.stackTrace()));
      w.endObject();
    }
    if (e.otlp() != null) {
      w.name("otlp");
      w.raw(e.otlp(), true);
    }
    w.endObject();
  }

  private void writeValue(JsonBytes w, Object v) {
    if (v instanceof java.util.List<?> list) {
      w.startArray();
      for (Object item : list) {
        if (item != null) {
          writeArrayItem(w, item);
        }
      }
      w.endArray();
    } else if (v instanceof Boolean) {
      w.value((boolean) (Boolean) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      w.value(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      w.value(((Number) v).doubleValue());
    } else {
      w.value(cut(String.valueOf(v)));
    }
  }

  private void writeArrayItem(JsonBytes w, Object v) {
    if (v instanceof java.util.List) {
      w.value(cut(String.valueOf(v))); // nested arrays are not attribute values in OTel
    } else {
      writeValue(w, v);
    }
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

  /**
   * Formats epoch nanoseconds as RFC 3339 UTC with nine fraction digits (Better Stack's dt). The
   * date-time part is cached per thread for the current second: formatting a timestamp is then a
   * string copy plus nine digits instead of a {@code DateTimeFormatter} pass.
   */
  public static String formatNanos(long epochNanos) {
    long second = Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
    SecondCache cache = SECONDS.get();
    if (cache.second != second || cache.prefix == null) {
      String full = Instant.ofEpochSecond(second).toString(); // 2026-11-22T04:00:00Z
      cache.prefix = full.substring(0, full.length() - 1) + ".";
      cache.second = second;
    }
    char[] digits = cache.digits;
    int n = nanos;
    for (int i = 8; i >= 0; i--) {
      digits[i] = (char) ('0' + n % 10);
      n /= 10;
    }
    return new StringBuilder(cache.prefix.length() + 10).append(cache.prefix).append(digits)
        .append('Z').toString();
  }

  private static final ThreadLocal<SecondCache> SECONDS = ThreadLocal.withInitial(SecondCache::new);

  private static final class SecondCache {
    long second = Long.MIN_VALUE;
    String prefix;
    final char[] digits = new char[9];
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
    byte[] buf = new byte[1024];
    int len;
    final JsonBytes json = new JsonBytes(this);
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedPrefix;

    /** Returns "yyyy-MM-ddTHH:mm:ss." for {@code second}, cached while the second lasts. */
    byte[] secondPrefix(long second) {
      if (second != cachedSecond || cachedPrefix == null) {
        String full = Instant.ofEpochSecond(second).toString(); // 2026-11-22T04:00:00Z
        cachedPrefix = ascii(full.substring(0, full.length() - 1) + ".");
        cachedSecond = second;
      }
      return cachedPrefix;
    }

    void reset() {
      len = 0;
      if (buf.length > KEEP_BYTES) {
        buf = new byte[1024];
      }
    }

    @Override
    public void write(int b) {
      if (len == buf.length) {
        ensure(1);
      }
      buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) {
      ensure(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }

    void ensure(int n) {
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
