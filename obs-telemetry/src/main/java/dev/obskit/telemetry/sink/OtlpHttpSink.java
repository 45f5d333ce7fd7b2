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
 * (resourceLogs/scopeLogs/logRecords, one scope per logger), spans to
 * {@code <endpoint>/v1/traces} and metrics to {@code <endpoint>/v1/metrics}, grouped by resource
 * and scope. Follows the protobuf JSON mapping: hex trace/span ids, integer
 * enums, 64-bit integers as decimal strings. 429/502/503/504 and other 5xx retry; other 4xx are
 * dead-lettered; a 200 with {@code partialSuccess} counts as delivered (the spec says not to retry).
 * A batch holding several signals is sent as one request per signal; if a later one fails, all
 * are resent (the spec accepts duplicates). 413, or a body over {@link Builder#setMaxRequestBytes}
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
  private final HttpUrl metricsUrl;
  private final Headers headers;
  private final Map<String, String> resource;
  private final boolean gzip;
  private final long maxRequestBytes;

  private OtlpHttpSink(Builder b, HttpUrl base) {
    this.name = b.name;
    this.client = b.client == null ? HttpSupport.sharedClient() : b.client;
    this.logsUrl = base.newBuilder().addPathSegments("v1/logs").build();
    this.tracesUrl = base.newBuilder().addPathSegments("v1/traces").build();
    this.metricsUrl = base.newBuilder().addPathSegments("v1/metrics").build();
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
    List<Map<String, Object>> metrics = new ArrayList<>();
    try {
      for (byte[] r : batch.records()) {
        Map<String, Object> record = RecordReader.parse(r);
        Object kind = record.get("kind");
        ("span".equals(kind) ? spans : "metric".equals(kind) ? metrics : logs).add(record);
      }
    } catch (IllegalArgumentException e) {
      return SendResult.reject(0, "unreadable record in batch: " + e.getMessage());
    }
    SendResult result = SendResult.success();
    if (!logs.isEmpty()) {
      result = post(logsUrl, batch.batchId(), OtlpJson.logs(resource, logs));
    }
    if (result.outcome() == SendResult.Outcome.SUCCESS && !spans.isEmpty()) {
      result = post(tracesUrl, batch.batchId(), OtlpJson.traces(resource, spans));
    }
    if (result.outcome() == SendResult.Outcome.SUCCESS && !metrics.isEmpty()) {
      result = post(metricsUrl, batch.batchId(), OtlpJson.metrics(resource, metrics));
    }
    return result;
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

    /**
     * {@code resourceLogs}: records an OpenTelemetry exporter wrote carry their resource and scope
     * ({@code otlp}); appender records get the sink's resource and a scope named after the logger.
     * Grouped by resource, then scope, in first-seen order.
     */
    static byte[] logs(Map<String, String> resource, List<Map<String, Object>> records) {
      Map<String, ResourceGroup> groups = group(resource, records, r -> {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("name", String.valueOf(r.getOrDefault("logger", "")));
        return scope;
      });
      return write(g -> writeGroups(g, groups, "resourceLogs", "scopeLogs", "logRecords",
          OtlpJson::writeLogRecord));
    }

    /** {@code resourceSpans}, grouped like {@link #logs}. */
    static byte[] traces(Map<String, String> resource, List<Map<String, Object>> spans) {
      Map<String, ResourceGroup> groups = group(resource, spans, r -> {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("name", "dev.obskit.telemetry");
        return scope;
      });
      return write(g -> writeGroups(g, groups, "resourceSpans", "scopeSpans", "spans", (gen, s) -> {
        Object span = asMap(s.get("otlp")).get("span");
        if (span instanceof Map) {
          writeJson(gen, span);
        } else {
          writeSpan(gen, s);
        }
      }));
    }

    /** {@code resourceMetrics}: metric records carry their resource, scope and OTLP metric. */
    static byte[] metrics(Map<String, String> resource, List<Map<String, Object>> metrics) {
      Map<String, ResourceGroup> groups = group(resource, metrics, r -> {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("name", "dev.obskit.telemetry");
        return scope;
      });
      return write(g -> writeGroups(g, groups, "resourceMetrics", "scopeMetrics", "metrics",
          (gen, m) -> writeJson(gen, asMap(m.get("otlp")).get("metric"))));
    }

    /** Records of one resource, by scope. */
    private record ResourceGroup(Object resource, Object schemaUrl,
        Map<String, ScopeGroup> scopes) {}

    private record ScopeGroup(Object scope, Object schemaUrl, List<Map<String, Object>> records) {}

    private static Map<String, ResourceGroup> group(Map<String, String> sinkResource,
        List<Map<String, Object>> records,
        java.util.function.Function<Map<String, Object>, Map<String, Object>> defaultScope) {
      Map<String, Object> fallbackResource = new LinkedHashMap<>();
      fallbackResource.put("attributes", attributeList(new LinkedHashMap<>(sinkResource)));
      Map<String, ResourceGroup> groups = new LinkedHashMap<>();
      for (Map<String, Object> r : records) {
        Map<String, Object> otlp = asMap(r.get("otlp"));
        Object res = otlp.containsKey("resource") ? otlp.get("resource") : fallbackResource;
        Object resUrl = otlp.get("resourceSchemaUrl");
        Object scope = otlp.containsKey("scope") ? otlp.get("scope") : defaultScope.apply(r);
        Object scopeUrl = otlp.get("scopeSchemaUrl");
        ResourceGroup group = groups.computeIfAbsent(res + "|" + resUrl,
            k -> new ResourceGroup(res, resUrl, new LinkedHashMap<>()));
        group.scopes().computeIfAbsent(scope + "|" + scopeUrl,
            k -> new ScopeGroup(scope, scopeUrl, new ArrayList<>())).records().add(r);
      }
      return groups;
    }

    private static void writeGroups(JsonGenerator g, Map<String, ResourceGroup> groups,
        String resourceField, String scopeField, String itemsField, Item item) throws IOException {
      g.writeArrayFieldStart(resourceField);
      for (ResourceGroup rg : groups.values()) {
        g.writeStartObject();
        g.writeFieldName("resource");
        writeJson(g, rg.resource());
        g.writeArrayFieldStart(scopeField);
        for (ScopeGroup sg : rg.scopes().values()) {
          g.writeStartObject();
          g.writeFieldName("scope");
          writeJson(g, sg.scope());
          g.writeArrayFieldStart(itemsField);
          for (Map<String, Object> r : sg.records()) {
            item.write(g, r);
          }
          g.writeEndArray();
          if (sg.schemaUrl() != null) {
            g.writeStringField("schemaUrl", sg.schemaUrl().toString());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
        if (rg.schemaUrl() != null) {
          g.writeStringField("schemaUrl", rg.schemaUrl().toString());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }

    @FunctionalInterface
    private interface Item {
      void write(JsonGenerator g, Map<String, Object> record) throws IOException;
    }

    /** Writes a value parsed by {@code RecordReader} back as JSON. */
    static void writeJson(JsonGenerator g, Object v) throws IOException {
      if (v == null) {
        g.writeNull();
      } else if (v instanceof Map<?, ?> m) {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          writeJson(g, e.getValue());
        }
        g.writeEndObject();
      } else if (v instanceof List<?> l) {
        g.writeStartArray();
        for (Object o : l) {
          writeJson(g, o);
        }
        g.writeEndArray();
      } else if (v instanceof Boolean b) {
        g.writeBoolean(b);
      } else if (v instanceof Long || v instanceof Integer) {
        g.writeNumber(((Number) v).longValue());
      } else if (v instanceof Number n) {
        g.writeNumber(n.doubleValue());
      } else {
        g.writeString(v.toString());
      }
    }

    private static void writeLogRecord(JsonGenerator g, Map<String, Object> r) throws IOException {
      Map<String, Object> otlp = asMap(r.get("otlp"));
      g.writeStartObject();
      String nanos = unixNanos(r.get("dt"));
      g.writeStringField("timeUnixNano", String.valueOf(otlp.getOrDefault("timeUnixNano", nanos)));
      g.writeStringField("observedTimeUnixNano",
          String.valueOf(otlp.getOrDefault("observedTimeUnixNano", nanos)));
      Object sev = otlp.containsKey("severityNumber") ? otlp.get("severityNumber") : r.get("severity");
      g.writeNumberField("severityNumber", sev instanceof Number ? ((Number) sev).intValue() : 0);
      Object sevText = otlp.containsKey("severityText") ? otlp.get("severityText")
          : otlp.isEmpty() ? r.getOrDefault("level", "") : null;
      if (sevText != null) {
        g.writeStringField("severityText", String.valueOf(sevText));
      }
      g.writeFieldName("body");
      if (otlp.get("body") instanceof Map) {
        writeJson(g, otlp.get("body"));
      } else {
        g.writeStartObject();
        g.writeStringField("stringValue", String.valueOf(r.getOrDefault("message", "")));
        g.writeEndObject();
      }
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
      if (otlp.get("droppedAttributesCount") instanceof Number n && n.longValue() > 0) {
        g.writeNumberField("droppedAttributesCount", n.longValue());
      }
      writeIdIfPresent(g, "traceId", r.get("trace_id"));
      writeIdIfPresent(g, "spanId", r.get("span_id"));
      if (otlp.get("flags") instanceof Number f) {
        g.writeNumberField("flags", f.intValue());
      } else if (r.get("trace_id") != null) {
        g.writeNumberField("flags", 1);
      }
      if (otlp.get("eventName") != null) {
        g.writeStringField("eventName", String.valueOf(otlp.get("eventName")));
      }
      g.writeEndObject();
    }

    /** A span record written before records carried their OTLP form (older buffers). */
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

    /** The sink's configured resource attributes as parsed OTLP {@code KeyValue}s. */
    private static List<Object> attributeList(Map<String, ?> attrs) {
      List<Object> list = new ArrayList<>();
      attrs.forEach((k, v) -> {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("key", k);
        kv.put("value", Map.of("stringValue", String.valueOf(v)));
        list.add(kv);
      });
      return list;
    }

    private static void writeAttributes(JsonGenerator g, Map<String, ?> attrs) throws IOException {
      g.writeArrayFieldStart("attributes");
      for (Map.Entry<String, ?> a : attrs.entrySet()) {
        if (a.getValue() == null) {
          continue;
        }
        g.writeStartObject();
        g.writeStringField("key", a.getKey());
        g.writeFieldName("value");
        writeAnyValue(g, a.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
    }

    private static void writeAnyValue(JsonGenerator g, Object v) throws IOException {
      g.writeStartObject();
      if (v instanceof List<?> list) {
        g.writeObjectFieldStart("arrayValue");
        g.writeArrayFieldStart("values");
        for (Object item : list) {
          writeAnyValue(g, item);
        }
        g.writeEndArray();
        g.writeEndObject();
      } else if (v instanceof Boolean) {
        g.writeBooleanField("boolValue", (Boolean) v);
      } else if (v instanceof Long || v instanceof Integer) {
        g.writeStringField("intValue", v.toString());
      } else if (v instanceof Double) {
        g.writeNumberField("doubleValue", (Double) v);
      } else {
        g.writeStringField("stringValue", String.valueOf(v));
      }
      g.writeEndObject();
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
