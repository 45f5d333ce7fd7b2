package dev.obskit.telemetry.sink;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.telemetry.encode.RecordReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * OTLP/HTTP with the JSON encoding: log records go to {@code <endpoint>/v1/logs}
 * (resourceLogs/scopeLogs/logRecords, one scope per logger) and spans to
 * {@code <endpoint>/v1/traces}. Follows the protobuf JSON mapping: hex trace/span ids, integer
 * enums, 64-bit integers as decimal strings. 429/502/503/504 and other 5xx retry; other 4xx are
 * dead-lettered; a 200 with {@code partialSuccess} counts as delivered (the spec says not to retry).
 * A batch holding both logs and spans is sent as two requests; if the second fails, both are
 * resent (the spec accepts duplicates). 413, or a body over {@link Builder#setMaxRequestBytes}
 * (default {@link #DEFAULT_MAX_REQUEST_BYTES}, not sent), makes the sender split the batch.
 */
public final class OtlpHttpSink implements TelemetrySink {
  /** The OTLP/HTTP default endpoint of a local collector. */
  public static final String DEFAULT_ENDPOINT = "http://localhost:4318";
  /** The request size the OTLP specification recommends servers accept: 64 MiB. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final JsonFactory JSON = new JsonFactory();

  private final String name;
  private final OkHttpClient client;
  private final HttpUrl logsUrl;
  private final HttpUrl tracesUrl;
  private final Headers headers;
  private final Map<String, String> resource;
  private final boolean gzip;
  private final long maxRequestBytes;

  private OtlpHttpSink(Builder b, HttpUrl base) {
    this.name = b.name;
    this.client = b.client == null ? HttpSupport.sharedClient() : b.client;
    this.logsUrl = base.newBuilder().addPathSegments("v1/logs").build();
    this.tracesUrl = base.newBuilder().addPathSegments("v1/traces").build();
    this.headers = Headers.of(b.headers);
    this.resource = Map.copyOf(b.resource);
    this.gzip = b.gzip;
    this.maxRequestBytes = b.maxRequestBytes;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String getName() {
    return name;
  }

  /**
   * A quarter of the request limit: records are re-encoded as OTLP JSON, which can be several
   * times their buffered size when gzip is off; bodies are checked again before sending.
   */
  @Override
  public long maxBatchBytes() {
    return maxRequestBytes / 4;
  }

  @Override
  public SendResult send(SinkBatch batch) {
    List<Map<String, Object>> logs = new ArrayList<>();
    List<Map<String, Object>> spans = new ArrayList<>();
    try {
      for (byte[] r : batch.records()) {
        Map<String, Object> record = RecordReader.parse(r);
        ("span".equals(record.get("kind")) ? spans : logs).add(record);
      }
    } catch (IllegalArgumentException e) {
      return SendResult.reject(0, "unreadable record in batch: " + e.getMessage());
    }
    if (!logs.isEmpty()) {
      SendResult r = post(logsUrl, batch.batchId(), OtlpJson.logs(resource, logs));
      if (r.outcome() != SendResult.Outcome.SUCCESS || spans.isEmpty()) {
        return r;
      }
    }
    return spans.isEmpty() ? SendResult.success()
        : post(tracesUrl, batch.batchId(), OtlpJson.traces(resource, spans));
  }

  private SendResult post(HttpUrl url, String batchId, byte[] body) {
    byte[] payload = gzip ? HttpSupport.gzip(body) : body;
    if (payload.length > maxRequestBytes) {
      return HttpSupport.overLimit(name, payload.length, maxRequestBytes);
    }
    Request.Builder request = new Request.Builder().url(url).headers(headers)
        .header(SinkBatch.BATCH_ID_HEADER, batchId)
        .post(RequestBody.create(payload, JSON_TYPE));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    return HttpSupport.execute(client, request.build());
  }

  @Override
  public String toString() {
    return "OtlpHttpSink{" + logsUrl + "}";
  }

  /** Builder for {@link OtlpHttpSink}; not thread-safe. */
  public static final class Builder {
    private String name = "otlp";
    private String endpoint = DEFAULT_ENDPOINT;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> resource = new LinkedHashMap<>(Map.of("service.name", "unknown_service:java"));
    private OkHttpClient client;
    private boolean gzip = true;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

    Builder() {}

    /** Sets the sink name used in stats, logs, batch ids and the position file; must be unique per pipeline. */
    public Builder setName(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** Base URL without the {@code /v1/logs} path, e.g. {@code http://collector:4318}. */
    public Builder setEndpoint(String endpoint) {
      this.endpoint = requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** Adds a request header, e.g. {@code Authorization: Bearer ...}. */
    public Builder addHeader(String name, String value) {
      headers.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** Sets the {@code service.name} resource attribute. */
    public Builder setServiceName(String serviceName) {
      resource.put("service.name", requireNonNull(serviceName, "serviceName"));
      return this;
    }

    /** Adds a resource attribute sent with every request. */
    public Builder putResourceAttribute(String key, String value) {
      resource.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /** Uses {@code client} instead of the shared one (custom proxy, TLS, timeouts). */
    public Builder setHttpClient(OkHttpClient client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** Compresses bodies with gzip ({@code Content-Encoding: gzip}). */
    public Builder setGzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /**
     * Sets the largest request body (as sent, after gzip) to send; larger batches are split.
     * Default {@link OtlpHttpSink#DEFAULT_MAX_REQUEST_BYTES}; at least 1024.
     */
    public Builder setMaxRequestBytes(long maxRequestBytes) {
      this.maxRequestBytes = HttpSupport.checkMaxRequestBytes(maxRequestBytes);
      return this;
    }

    /** Builds the sink; throws naming the setting when a value is invalid. */
    public OtlpHttpSink build() {
      HttpUrl base = HttpSupport.parseUrl("endpoint", endpoint);
      String path = base.encodedPath();
      if (path.endsWith("/v1/logs") || path.endsWith("/v1/logs/")) {
        base = base.newBuilder().encodedPath(path.substring(0, path.lastIndexOf("/v1/logs")) + "/")
            .build();
      }
      return new OtlpHttpSink(this, base);
    }
  }

  /** The OTLP JSON writers. */
  static final class OtlpJson {
    private OtlpJson() {}

    static byte[] logs(Map<String, String> resource, List<Map<String, Object>> records) {
      Map<String, List<Map<String, Object>>> byLogger = new LinkedHashMap<>();
      for (Map<String, Object> r : records) {
        byLogger.computeIfAbsent(String.valueOf(r.getOrDefault("logger", "")), k -> new ArrayList<>())
            .add(r);
      }
      return write(g -> {
        g.writeArrayFieldStart("resourceLogs");
        g.writeStartObject();
        writeResource(g, resource);
        g.writeArrayFieldStart("scopeLogs");
        for (Map.Entry<String, List<Map<String, Object>>> scope : byLogger.entrySet()) {
          g.writeStartObject();
          g.writeObjectFieldStart("scope");
          g.writeStringField("name", scope.getKey());
          g.writeEndObject();
          g.writeArrayFieldStart("logRecords");
          for (Map<String, Object> r : scope.getValue()) {
            writeLogRecord(g, r);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
      });
    }

    private static void writeLogRecord(JsonGenerator g, Map<String, Object> r) throws IOException {
      g.writeStartObject();
      String nanos = unixNanos(r.get("dt"));
      g.writeStringField("timeUnixNano", nanos);
      g.writeStringField("observedTimeUnixNano", nanos);
      Object sev = r.get("severity");
      g.writeNumberField("severityNumber", sev instanceof Number ? ((Number) sev).intValue() : 0);
      g.writeStringField("severityText", String.valueOf(r.getOrDefault("level", "")));
      g.writeObjectFieldStart("body");
      g.writeStringField("stringValue", String.valueOf(r.getOrDefault("message", "")));
      g.writeEndObject();
      Map<String, Object> attrs = new LinkedHashMap<>(asMap(r.get("attributes")));
      putIfPresent(attrs, "thread.name", r.get("thread"));
      Object markers = r.get("markers");
      if (markers instanceof List) {
        attrs.put("log.markers", String.join(",", ((List<?>) markers).stream().map(String::valueOf).toList()));
      }
      Map<String, Object> ex = asMap(r.get("exception"));
      putIfPresent(attrs, "exception.type", ex.get("type"));
      putIfPresent(attrs, "exception.message", ex.get("message"));
      putIfPresent(attrs, "exception.stacktrace", ex.get("stacktrace"));
      writeAttributes(g, attrs);
      writeIdIfPresent(g, "traceId", r.get("trace_id"));
      writeIdIfPresent(g, "spanId", r.get("span_id"));
      if (r.get("trace_id") != null) {
        g.writeNumberField("flags", 1);
      }
      g.writeEndObject();
    }

    static byte[] traces(Map<String, String> resource, List<Map<String, Object>> spans) {
      return write(g -> {
        g.writeArrayFieldStart("resourceSpans");
        g.writeStartObject();
        writeResource(g, resource);
        g.writeArrayFieldStart("scopeSpans");
        g.writeStartObject();
        g.writeObjectFieldStart("scope");
        g.writeStringField("name", "dev.obskit.telemetry");
        g.writeEndObject();
        g.writeArrayFieldStart("spans");
        for (Map<String, Object> s : spans) {
          writeSpan(g, s);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
      });
    }

    private static void writeSpan(JsonGenerator g, Map<String, Object> s) throws IOException {
      g.writeStartObject();
      writeIdIfPresent(g, "traceId", s.get("trace_id"));
      writeIdIfPresent(g, "spanId", s.get("span_id"));
      writeIdIfPresent(g, "parentSpanId", s.get("parent_span_id"));
      g.writeStringField("name", String.valueOf(s.getOrDefault("name", "")));
      g.writeNumberField("kind", spanKind(String.valueOf(s.get("span_kind"))));
      g.writeStringField("startTimeUnixNano", String.valueOf(s.getOrDefault("start_unix_nano", "0")));
      g.writeStringField("endTimeUnixNano", String.valueOf(s.getOrDefault("end_unix_nano", "0")));
      writeAttributes(g, asMap(s.get("attributes")));
      g.writeObjectFieldStart("status");
      String status = String.valueOf(s.getOrDefault("status", "UNSET"));
      g.writeNumberField("code", "OK".equals(status) ? 1 : "ERROR".equals(status) ? 2 : 0);
      Object msg = s.get("status_message");
      if (msg != null && !msg.toString().isEmpty()) {
        g.writeStringField("message", msg.toString());
      }
      g.writeEndObject();
      g.writeEndObject();
    }

    static int spanKind(String kind) {
      switch (kind) {
        case "INTERNAL": return 1;
        case "SERVER": return 2;
        case "CLIENT": return 3;
        case "PRODUCER": return 4;
        case "CONSUMER": return 5;
        default: return 0;
      }
    }

    private static void writeResource(JsonGenerator g, Map<String, String> resource) throws IOException {
      g.writeObjectFieldStart("resource");
      writeAttributes(g, new LinkedHashMap<>(resource));
      g.writeEndObject();
    }

    private static void writeAttributes(JsonGenerator g, Map<String, ?> attrs) throws IOException {
      g.writeArrayFieldStart("attributes");
      for (Map.Entry<String, ?> a : attrs.entrySet()) {
        if (a.getValue() == null) {
          continue;
        }
        g.writeStartObject();
        g.writeStringField("key", a.getKey());
        g.writeObjectFieldStart("value");
        Object v = a.getValue();
        if (v instanceof Boolean) {
          g.writeBooleanField("boolValue", (Boolean) v);
        } else if (v instanceof Long || v instanceof Integer) {
          g.writeStringField("intValue", v.toString());
        } else if (v instanceof Double) {
          g.writeNumberField("doubleValue", (Double) v);
        } else {
          g.writeStringField("stringValue", String.valueOf(v));
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }

    private static void writeIdIfPresent(JsonGenerator g, String field, Object id) throws IOException {
      if (id instanceof String && !((String) id).isEmpty()) {
        g.writeStringField(field, (String) id);
      }
    }

    private static void putIfPresent(Map<String, Object> attrs, String key, Object value) {
      if (value != null && !value.toString().isEmpty()) {
        attrs.put(key, value);
      }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
      return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    /** Converts the record's RFC 3339 {@code dt} to decimal unix nanos ("0" = unknown). */
    static String unixNanos(Object dt) {
      if (!(dt instanceof String)) {
        return "0";
      }
      try {
        Instant i = Instant.parse((String) dt);
        return java.math.BigInteger.valueOf(i.getEpochSecond()).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
            .add(java.math.BigInteger.valueOf(i.getNano())).toString();
      } catch (java.time.format.DateTimeParseException e) {
        return "0";
      }
    }

    private static byte[] write(Body body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.writeStartObject();
        body.write(g);
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
      void write(JsonGenerator g) throws IOException;
    }
  }
}
