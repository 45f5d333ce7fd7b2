package dev.obskit.telemetry.otel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.encode.RecordEncoder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OpenTelemetry {@link SpanExporter} that writes spans into a {@link Telemetry} pipeline's
 * durable buffer instead of sending them, so spans get the same no-loss guarantee as logs: an
 * export "succeeds" once the spans are buffered, and the pipeline's senders deliver them (OTLP
 * sink: {@code /v1/traces}). Use it under a {@code BatchSpanProcessor} or
 * {@code SimpleSpanProcessor}. Thread-safe.
 */
public final class DurableSpanExporter implements SpanExporter {
  private final Telemetry telemetry;
  private final BufferingExport export;

  private DurableSpanExporter(Telemetry telemetry) {
    this.telemetry = telemetry;
    this.export = new BufferingExport(telemetry);
  }

  /** Returns an exporter that buffers into {@code telemetry}. */
  public static DurableSpanExporter create(Telemetry telemetry) {
    return new DurableSpanExporter(requireNonNull(telemetry, "telemetry"));
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return export.export(spans, span -> {
      RecordEncoder.Encoded e = telemetry.encoder().encodeWith((g, enc) -> write(g, enc, span));
      return telemetry.appendEncoded(e.array(), 0, e.length());
    });
  }

  static void write(JsonGenerator g, RecordEncoder enc, SpanData s) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", "span");
    g.writeStringField("dt", RecordEncoder.formatNanos(s.getStartEpochNanos()));
    g.writeStringField("name", s.getName());
    g.writeStringField("trace_id", s.getTraceId());
    g.writeStringField("span_id", s.getSpanId());
    if (s.getParentSpanContext().isValid()) {
      g.writeStringField("parent_span_id", s.getParentSpanId());
    }
    g.writeStringField("span_kind", s.getKind().name());
    g.writeStringField("start_unix_nano", Long.toString(s.getStartEpochNanos()));
    g.writeStringField("end_unix_nano", Long.toString(s.getEndEpochNanos()));
    g.writeNumberField("duration_ms", (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6);
    g.writeStringField("status", s.getStatus().getStatusCode().name());
    if (!s.getStatus().getDescription().isEmpty()) {
      g.writeStringField("status_message", enc.cut(s.getStatus().getDescription()));
    }
    g.writeStringField("scope", s.getInstrumentationScopeInfo().getName());
    enc.writeAttributesField(g, "attributes", toMap(s.getAttributes()));
    Object service = s.getResource().getAttributes().get(AttributeKey.stringKey("service.name"));
    if (service != null) {
      g.writeStringField("service", service.toString());
    }
    g.writeObjectFieldStart("otlp");
    OtlpJsonWriter.resourceAndScope(g, s.getResource(), s.getInstrumentationScopeInfo());
    g.writeFieldName("span");
    OtlpJsonWriter.span(g, s);
    g.writeEndObject();
    g.writeEndObject();
  }

  static Map<String, Object> toMap(Attributes attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    attributes.forEach((k, v) -> map.put(k.getKey(), v instanceof java.util.List ? v.toString() : v));
    return map;
  }

  /** Returns spans the buffer refused (overflow policy). */
  public long droppedSpans() {
    return export.dropped();
  }

  @Override
  public CompletableResultCode flush() {
    return export.flush();
  }

  /** Stops accepting spans; the pipeline itself is closed by its owner. */
  @Override
  public CompletableResultCode shutdown() {
    return export.shutdown();
  }
}
