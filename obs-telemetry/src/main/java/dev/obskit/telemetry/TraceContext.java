package dev.obskit.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;

/**
 * Copies the current OpenTelemetry trace and span ids onto an event, on the logging thread. The
 * OpenTelemetry API is optional: without it on the classpath this falls back to the MDC keys the
 * OpenTelemetry MDC instrumentation writes ({@code trace_id}, {@code span_id}).
 */
public final class TraceContext {
  private static final boolean OTEL = present("io.opentelemetry.api.trace.Span");

  private TraceContext() {}

  private static boolean present(String className) {
    try {
      Class.forName(className, false, TraceContext.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Sets {@code event}'s trace context from the active span, else from {@code mdc}. */
  public static void capture(TelemetryEvent event, Map<String, String> mdc) {
    if (OTEL && Otel.capture(event)) {
      return;
    }
    if (mdc != null && !mdc.isEmpty()) {
      String traceId = mdc.get("trace_id");
      if (traceId != null) {
        event.setTraceContext(traceId, mdc.get("span_id"));
      }
    }
  }

  /** Loaded only when the OpenTelemetry API is present. */
  private static final class Otel {
    static boolean capture(TelemetryEvent event) {
      SpanContext ctx = Span.current().getSpanContext();
      if (!ctx.isValid()) {
        return false;
      }
      event.setTraceContext(ctx.getTraceId(), ctx.getSpanId());
      return true;
    }
  }
}
