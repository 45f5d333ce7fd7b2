package dev.obskit.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryConfig;
import dev.obskit.telemetry.TestSupport;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.encode.RecordReader;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.sink.OtlpHttpSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an OTLP receiver decodes (OTLP/JSON, opentelemetry-proto's JSON mapping) compared field by
 * field with the SpanData and LogRecordData the real SDK produced. The decoding here is written
 * from the OTLP definitions, independently of the sink.
 */
@SuppressWarnings("unchecked")
class OtlpFidelityTest {
  @TempDir Path dir;
  private final List<Map<String, Object>> traces = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> logs = new CopyOnWriteArrayList<>();

  private static final Resource RESOURCE = Resource.create(Attributes.builder()
      .put("service.name", "checkout").put("host.name", "web-7").put("deployment.count", 3L)
      .put("canary", true).build(), "https://opentelemetry.io/schemas/1.21.0");

  private Telemetry start(MockWebServer server) throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        Map<String, Object> body = RecordReader.parse(TestSupport.body(request));
        (request.getPath().endsWith("/v1/traces") ? traces : logs).add(body);
        return new MockResponse().setResponseCode(200).setBody("{}");
      }
    });
    server.start();
    return Telemetry.start(TelemetryConfig.builder().setDirectory(dir)
        .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("b")).setBlockSize(2 << 20)
            .setMinFreeDiskBytes(0).build())
        .setShip(ShipConfig.defaults(dir.resolve("dl")).withBatch(100, 1 << 20, Duration.ofSeconds(30)))
        .addSink(OtlpHttpSink.builder().setEndpoint(server.url("/").toString()).setGzip(false)
            .setServiceName("from-sink-setting").build())
        .build());
  }

  @Test
  void spans_roundTripEveryOtlpField_groupedByResourceAndScope() throws Exception {
    List<SpanData> produced = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      Telemetry telemetry = start(server);
      SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(RESOURCE)
          .addSpanProcessor(SimpleSpanProcessor.create(DurableSpanExporter.create(telemetry)))
          .addSpanProcessor(SimpleSpanProcessor.create(capture(produced))).build();
      SpanContext remoteParent = SpanContext.createFromRemoteParent(
          "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(),
          TraceState.builder().put("vendor", "v1").build());
      SpanContext linked = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.builder().put("l", "x").build());
      Span span = tracing.tracerBuilder("io.example.orders").setInstrumentationVersion("1.2.3")
          .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0").build()
          .spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER)
          .setParent(Context.root().with(Span.wrap(remoteParent)))
          .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "retry-of"))
          .setAttribute("http.status_code", 500L).setAttribute("ratio", 0.25)
          .setAttribute("cached", false)
          .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
          .startSpan();
      span.addEvent("cart.loaded", Attributes.of(AttributeKey.longKey("items"), 3L));
      span.recordException(new IllegalStateException("card declined"));
      span.setStatus(StatusCode.ERROR, "payment failed");
      span.end();
      tracing.tracerBuilder("io.example.other").build().spanBuilder("inner").startSpan().end();
      assertThat(telemetry.flush(Duration.ofSeconds(10))).isTrue();
      telemetry.close(Duration.ofSeconds(2));
    }
    assertThat(traces).hasSize(1);
    List<Map<String, Object>> resourceSpans = list(traces.get(0).get("resourceSpans"));
    assertThat(resourceSpans).as("one resource").hasSize(1);
    Map<String, Object> rs = resourceSpans.get(0);
    assertThat(attributes(map(rs.get("resource")).get("attributes")))
        .isEqualTo(expected(RESOURCE.getAttributes()));
    assertThat(rs.get("schemaUrl")).isEqualTo(RESOURCE.getSchemaUrl());
    List<Map<String, Object>> scopes = list(rs.get("scopeSpans"));
    assertThat(scopes).as("one entry per scope").hasSize(2);

    SpanData sdk = produced.stream().filter(s -> s.getName().equals("POST /orders")).findFirst()
        .orElseThrow();
    Map<String, Object> ss = scopes.get(0);
    Map<String, Object> scope = map(ss.get("scope"));
    assertThat(scope.get("name")).isEqualTo("io.example.orders");
    assertThat(scope.get("version")).isEqualTo("1.2.3");
    assertThat(ss.get("schemaUrl")).isEqualTo("https://opentelemetry.io/schemas/1.24.0");
    Map<String, Object> s = list(ss.get("spans")).get(0);
    assertThat(s.get("traceId")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(s.get("spanId")).isEqualTo(sdk.getSpanId());
    assertThat(s.get("parentSpanId")).isEqualTo("b7ad6b7169203331");
    assertThat(s.get("traceState")).isEqualTo("vendor=v1");
    // sampled (0x01) | CONTEXT_HAS_IS_REMOTE (0x100) | CONTEXT_IS_REMOTE (0x200): the parent is remote
    assertThat(s.get("flags")).isEqualTo(0x301L);
    assertThat(s.get("name")).isEqualTo("POST /orders");
    assertThat(s.get("kind")).as("SPAN_KIND_SERVER").isEqualTo(2L);
    assertThat(s.get("startTimeUnixNano")).isEqualTo(Long.toString(sdk.getStartEpochNanos()));
    assertThat(s.get("endTimeUnixNano")).isEqualTo(Long.toString(sdk.getEndEpochNanos()));
    assertThat(attributes(s.get("attributes"))).isEqualTo(expected(sdk.getAttributes()));
    List<Map<String, Object>> events = list(s.get("events"));
    assertThat(events).hasSize(sdk.getEvents().size()).hasSize(2);
    for (int i = 0; i < events.size(); i++) {
      EventData e = sdk.getEvents().get(i);
      assertThat(events.get(i).get("name")).isEqualTo(e.getName());
      assertThat(events.get(i).get("timeUnixNano")).isEqualTo(Long.toString(e.getEpochNanos()));
      assertThat(attributes(events.get(i).get("attributes"))).isEqualTo(expected(e.getAttributes()));
    }
    assertThat(events.get(1).get("name")).isEqualTo("exception");
    assertThat(attributes(events.get(1).get("attributes")))
        .containsEntry("exception.type", "java.lang.IllegalStateException")
        .containsEntry("exception.message", "card declined");
    List<Map<String, Object>> links = list(s.get("links"));
    LinkData link = sdk.getLinks().get(0);
    assertThat(links).hasSize(1);
    assertThat(links.get(0).get("traceId")).isEqualTo(link.getSpanContext().getTraceId());
    assertThat(links.get(0).get("spanId")).isEqualTo("00f067aa0ba902b7");
    assertThat(links.get(0).get("traceState")).isEqualTo("l=x");
    assertThat(links.get(0).get("flags")).as("not sampled, has-is-remote, local").isEqualTo(0x100L);
    assertThat(attributes(links.get(0).get("attributes"))).containsEntry("link.reason", "retry-of");
    assertThat(map(s.get("status"))).containsEntry("code", 2L).containsEntry("message", "payment failed");
    assertThat(s.get("droppedAttributesCount")).isEqualTo(0L);
    assertThat(s.get("droppedEventsCount")).isEqualTo(0L);
    assertThat(s.get("droppedLinksCount")).isEqualTo(0L);
    assertThat(map(scopes.get(1).get("scope")).get("name")).isEqualTo("io.example.other");
  }

  @Test
  void logRecords_keepSeverityAnyTypedBodyAttributesTraceContextResourceAndScope() throws Exception {
    List<LogRecordData> produced = new CopyOnWriteArrayList<>();
    SpanContext spanContext;
    try (MockWebServer server = new MockWebServer()) {
      Telemetry telemetry = start(server);
      SdkLoggerProvider logging = SdkLoggerProvider.builder().setResource(RESOURCE)
          .addLogRecordProcessor(SimpleLogRecordProcessor.create(DurableLogRecordExporter.create(telemetry)))
          .addLogRecordProcessor(SimpleLogRecordProcessor.create(captureLogs(produced))).build();
      SdkTracerProvider tracing = SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(capture(new ArrayList<>()))).build();
      Span span = tracing.get("t").spanBuilder("op").startSpan();
      spanContext = span.getSpanContext();
      try (Scope ignored = span.makeCurrent()) {
        logging.loggerBuilder("io.example.payments").setInstrumentationVersion("2.0.0").build()
            .logRecordBuilder().setSeverity(Severity.WARN2).setSeverityText("warning")
            .setBody("payment retried")
            .setAttribute(AttributeKey.longKey("attempt"), 2L)
            .setAttribute(AttributeKey.stringArrayKey("gateways"), List.of("stripe", "adyen"))
            .setTimestamp(1_700_000_000_123_456_789L, java.util.concurrent.TimeUnit.NANOSECONDS)
            .emit();
      }
      span.end();
      logging.get("io.example.audit").logRecordBuilder().setSeverity(Severity.INFO)
          .setBody(Value.of(KeyValue.of("user", Value.of("u42")), KeyValue.of("amount", Value.of(12.5))))
          .setEventName("audit.payment").emit();
      assertThat(telemetry.flush(Duration.ofSeconds(10))).isTrue();
      telemetry.close(Duration.ofSeconds(2));
    }
    assertThat(logs).hasSize(1);
    List<Map<String, Object>> resourceLogs = list(logs.get(0).get("resourceLogs"));
    assertThat(resourceLogs).hasSize(1);
    assertThat(attributes(map(resourceLogs.get(0).get("resource")).get("attributes")))
        .isEqualTo(expected(RESOURCE.getAttributes()));
    List<Map<String, Object>> scopes = list(resourceLogs.get(0).get("scopeLogs"));
    assertThat(scopes).hasSize(2);
    assertThat(map(scopes.get(0).get("scope"))).containsEntry("name", "io.example.payments")
        .containsEntry("version", "2.0.0");

    LogRecordData sdk = produced.get(0);
    Map<String, Object> r = list(scopes.get(0).get("logRecords")).get(0);
    assertThat(r.get("timeUnixNano")).isEqualTo("1700000000123456789");
    assertThat(r.get("observedTimeUnixNano"))
        .isEqualTo(Long.toString(sdk.getObservedTimestampEpochNanos()));
    assertThat(r.get("severityNumber")).as("WARN2").isEqualTo(14L);
    assertThat(r.get("severityText")).isEqualTo("warning");
    assertThat(map(r.get("body"))).containsEntry("stringValue", "payment retried");
    assertThat(attributes(r.get("attributes"))).isEqualTo(expected(sdk.getAttributes()));
    assertThat(r.get("traceId")).isEqualTo(spanContext.getTraceId());
    assertThat(r.get("spanId")).isEqualTo(spanContext.getSpanId());
    assertThat(r.get("flags")).as("the W3C trace flags byte")
        .isEqualTo((long) (spanContext.getTraceFlags().asByte() & 0xff));
    assertThat((Long) r.get("flags") & 1).as("sampled").isEqualTo(1L);

    Map<String, Object> audit = list(scopes.get(1).get("logRecords")).get(0);
    assertThat(map(scopes.get(1).get("scope")).get("name")).isEqualTo("io.example.audit");
    Map<String, Object> kvlist = map(map(audit.get("body")).get("kvlistValue"));
    assertThat(attributes(kvlist.get("values"))).containsEntry("user", "u42").containsEntry("amount", 12.5);
    assertThat(audit.get("eventName")).isEqualTo("audit.payment");
    assertThat(audit.get("severityNumber")).isEqualTo(9L);
    assertThat(audit).doesNotContainKey("traceId");
  }

  // --- decoding written from the OTLP JSON definitions ---

  private static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  /** KeyValue list to key → Java value (intValue is a decimal string in OTLP/JSON). */
  private static Map<String, Object> attributes(Object keyValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map<String, Object> kv : list(keyValues)) {
      out.put((String) kv.get("key"), anyValue(map(kv.get("value"))));
    }
    return out;
  }

  private static Object anyValue(Map<String, Object> v) {
    if (v.containsKey("stringValue")) {
      return v.get("stringValue");
    }
    if (v.containsKey("intValue")) {
      return Long.parseLong((String) v.get("intValue"));
    }
    if (v.containsKey("doubleValue")) {
      return ((Number) v.get("doubleValue")).doubleValue();
    }
    if (v.containsKey("boolValue")) {
      return v.get("boolValue");
    }
    if (v.containsKey("arrayValue")) {
      List<Object> items = new ArrayList<>();
      for (Map<String, Object> item : list(map(v.get("arrayValue")).get("values"))) {
        items.add(anyValue(item));
      }
      return items;
    }
    throw new AssertionError("unexpected AnyValue " + v);
  }

  private static Map<String, Object> expected(Attributes attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach((k, v) -> out.put(k.getKey(), v));
    return out;
  }

  private static SpanExporter capture(List<SpanData> into) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        into.addAll(spans);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  private static LogRecordExporter captureLogs(List<LogRecordData> into) {
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> records) {
        into.addAll(records);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
