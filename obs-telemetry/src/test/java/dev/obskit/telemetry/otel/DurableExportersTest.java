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
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableExportersTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void otelLogsAndSpans_goThroughTheBuffer_andArriveAsOtlpJson() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      for (int i = 0; i < 4; i++) {
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{}"));
      }
      server.start();
      Telemetry telemetry = Telemetry.start(TelemetryConfig.builder().setDirectory(dir)
          .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("b")).setBlockSize(2 << 20)
              .setMinFreeDiskBytes(0).build())
          .setShip(ShipConfig.defaults(dir.resolve("dl")).withBatch(100, 1 << 20, Duration.ofMillis(10)))
          .addSink(OtlpHttpSink.builder().setEndpoint(server.url("/").toString())
              .setServiceName("checkout").addHeader("Authorization", "Bearer otlp-token").build())
          .build());
      SdkTracerProvider tracing = SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(DurableSpanExporter.create(telemetry))).build();
      SdkLoggerProvider logging = SdkLoggerProvider.builder()
          .addLogRecordProcessor(SimpleLogRecordProcessor.create(DurableLogRecordExporter.create(telemetry)))
          .build();
      Span span = tracing.get("shop").spanBuilder("GET /cart").setSpanKind(SpanKind.SERVER)
          .setAttribute("http.status_code", 200L).startSpan();
      try (Scope ignored = span.makeCurrent()) {
        logging.get("shop.Cart").logRecordBuilder().setSeverity(Severity.ERROR)
            .setSeverityText("ERROR").setBody("cart failed")
            .setAttribute(AttributeKey.stringKey("cart.id"), "c-9").emit();
      }
      span.end();
      assertThat(telemetry.flush(Duration.ofSeconds(10))).isTrue();
      telemetry.close(Duration.ofSeconds(2));

      Map<String, Map<String, Object>> byPath = new HashMap<>();
      for (int i = 0; i < server.getRequestCount(); i++) {
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer otlp-token");
        byPath.put(r.getPath(), RecordReader.parse(TestSupport.body(r)));
      }
      Map<String, Object> logs = byPath.get("/v1/logs");
      Map<String, Object> rl = (Map<String, Object>) ((List<Object>) logs.get("resourceLogs")).get(0);
      Map<String, Object> resource = (Map<String, Object>) rl.get("resource");
      // The SDK's resource, not the sink's service-name setting (which names appender logs only).
      assertThat(resource.toString()).contains("service.name").contains("unknown_service:java")
          .doesNotContain("checkout");
      Map<String, Object> scope = (Map<String, Object>) ((List<Object>) rl.get("scopeLogs")).get(0);
      assertThat(((Map<String, Object>) scope.get("scope")).get("name")).isEqualTo("shop.Cart");
      Map<String, Object> rec = (Map<String, Object>) ((List<Object>) scope.get("logRecords")).get(0);
      assertThat(rec.get("severityNumber")).isEqualTo(17L);
      assertThat(rec.get("severityText")).isEqualTo("ERROR");
      assertThat(rec.get("body")).isEqualTo(Map.of("stringValue", "cart failed"));
      assertThat(rec.get("traceId")).isEqualTo(span.getSpanContext().getTraceId());
      assertThat(rec.get("spanId")).isEqualTo(span.getSpanContext().getSpanId());
      // No timestamp was set: OTLP's "unknown" (0), as the SDK's own exporter sends it.
      assertThat(rec.get("timeUnixNano")).isEqualTo("0");
      assertThat((String) rec.get("observedTimeUnixNano")).matches("\\d{19}");
      assertThat(rec.get("attributes").toString()).contains("cart.id").contains("c-9");

      Map<String, Object> traces = byPath.get("/v1/traces");
      Map<String, Object> rs = (Map<String, Object>) ((List<Object>) traces.get("resourceSpans")).get(0);
      Map<String, Object> ss = (Map<String, Object>) ((List<Object>) rs.get("scopeSpans")).get(0);
      Map<String, Object> sp = (Map<String, Object>) ((List<Object>) ss.get("spans")).get(0);
      assertThat(sp.get("name")).isEqualTo("GET /cart");
      assertThat(sp.get("kind")).isEqualTo(2L);
      assertThat(sp.get("traceId")).isEqualTo(span.getSpanContext().getTraceId());
      assertThat(sp.get("attributes").toString()).contains("http.status_code").contains("\"200\"".replace("\"", ""));
      assertThat(Long.parseLong((String) sp.get("endTimeUnixNano")))
          .isGreaterThanOrEqualTo(Long.parseLong((String) sp.get("startTimeUnixNano")));
    }
  }
}
