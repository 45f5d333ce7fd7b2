package dev.obskit.telemetry.otel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * An OpenTelemetry {@link LogRecordExporter} that writes log records into a {@link Telemetry}
 * pipeline's durable buffer (through its transforms), so OTel-SDK logging gets the same no-loss
 * guarantee as the logback and Log4j2 appenders. Thread-safe.
 */
public final class DurableLogRecordExporter implements LogRecordExporter {
  private static final JsonFactory JSON = new JsonFactory();
  private static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");

  private final Telemetry telemetry;
  private final BufferingExport export;

  private DurableLogRecordExporter(Telemetry telemetry) {
    this.telemetry = telemetry;
    this.export = new BufferingExport(telemetry);
  }

  /** Returns an exporter that buffers into {@code telemetry}. */
  public static DurableLogRecordExporter create(Telemetry telemetry) {
    return new DurableLogRecordExporter(requireNonNull(telemetry, "telemetry"));
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    return export.export(logs, r -> telemetry.emit(toEvent(r)));
  }

  static TelemetryEvent toEvent(LogRecordData r) {
    long nanos = r.getTimestampEpochNanos() != 0 ? r.getTimestampEpochNanos()
        : r.getObservedTimestampEpochNanos();
    Value<?> body = r.getBodyValue();
    TelemetryEvent e = new TelemetryEvent()
        .setEpochNanos(nanos)
        .setSeverity(Severity.fromOtelNumber(r.getSeverity().getSeverityNumber()))
        .setLogger(r.getInstrumentationScopeInfo().getName())
        .setMessage(body == null ? "" : body.getType() == ValueType.STRING
            ? (String) body.getValue() : body.asString());
    String thread = r.getAttributes().get(THREAD_NAME);
    if (thread != null) {
      e.setThread(thread);
    }
    r.getAttributes().forEach((k, v) -> {
      if (!k.equals(THREAD_NAME)) {
        e.putAttribute(k.getKey(), v);
      }
    });
    SpanContext ctx = r.getSpanContext();
    if (ctx.isValid()) {
      e.setTraceContext(ctx.getTraceId(), ctx.getSpanId());
    }
    e.setOtlp(otlp(r));
    return e;
  }

  /**
   * What the log record has beyond the pipeline's log fields, in OTLP/JSON: resource, scope,
   * exact times, severity text, flags, event name, dropped attributes, and the body when it is not
   * a string (a string body is the record's message, after the pipeline's transforms).
   */
  static byte[] otlp(LogRecordData r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      OtlpJsonWriter.resourceAndScope(g, r.getResource(), r.getInstrumentationScopeInfo());
      g.writeStringField("timeUnixNano", Long.toString(r.getTimestampEpochNanos()));
      g.writeStringField("observedTimeUnixNano", Long.toString(r.getObservedTimestampEpochNanos()));
      if (r.getSeverityText() != null) {
        g.writeStringField("severityText", r.getSeverityText());
      }
      g.writeNumberField("severityNumber", r.getSeverity().getSeverityNumber());
      if (r.getSpanContext().isValid()) {
        g.writeNumberField("flags", r.getSpanContext().getTraceFlags().asByte() & 0xff);
      }
      if (r.getEventName() != null) {
        g.writeStringField("eventName", r.getEventName());
      }
      g.writeNumberField("droppedAttributesCount",
          r.getTotalAttributeCount() - r.getAttributes().size());
      Value<?> body = r.getBodyValue();
      if (body != null && body.getType() != ValueType.STRING) {
        g.writeFieldName("body");
        OtlpJsonWriter.body(g, body);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Returns records the buffer refused. */
  public long droppedRecords() {
    return export.dropped();
  }

  @Override
  public CompletableResultCode flush() {
    return export.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return export.shutdown();
  }
}
