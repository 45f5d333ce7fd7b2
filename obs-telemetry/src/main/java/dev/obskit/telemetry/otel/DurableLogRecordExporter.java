package dev.obskit.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;

/**
 * An OpenTelemetry {@link LogRecordExporter} that writes log records into a {@link Telemetry}
 * pipeline's durable buffer (through its transforms), so OTel-SDK logging gets the same no-loss
 * guarantee as the logback and Log4j2 appenders. Thread-safe.
 */
public final class DurableLogRecordExporter implements LogRecordExporter {
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
        .setMessage(body == null ? "" : body.asString());
    String thread = r.getAttributes().get(THREAD_NAME);
    if (thread != null) {
      e.setThread(thread);
    }
    r.getAttributes().forEach((k, v) -> {
      if (!k.equals(THREAD_NAME)) {
        e.putAttribute(k.getKey(), v instanceof java.util.List ? v.toString() : v);
      }
    });
    SpanContext ctx = r.getSpanContext();
    if (ctx.isValid()) {
      e.setTraceContext(ctx.getTraceId(), ctx.getSpanId());
    }
    return e;
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
