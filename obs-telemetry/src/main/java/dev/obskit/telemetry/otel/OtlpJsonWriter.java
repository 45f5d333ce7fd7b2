package dev.obskit.telemetry.otel;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes OpenTelemetry SDK data in the OTLP/JSON encoding (the protobuf JSON mapping: lowerCamelCase
 * keys, hex trace and span ids, integer enums, 64-bit integers as decimal strings, AnyValue
 * attributes), so the OTLP sink can send it as the SDK produced it.
 */
final class OtlpJsonWriter {
  private OtlpJsonWriter() {}

  /** Writes the fields {@code "resource", "resourceSchemaUrl", "scope", "scopeSchemaUrl"}. */
  static void resourceAndScope(JsonGenerator g, Resource resource, InstrumentationScopeInfo scope)
      throws IOException {
    g.writeObjectFieldStart("resource");
    attributes(g, "attributes", resource.getAttributes());
    g.writeEndObject();
    if (resource.getSchemaUrl() != null) {
      g.writeStringField("resourceSchemaUrl", resource.getSchemaUrl());
    }
    g.writeObjectFieldStart("scope");
    g.writeStringField("name", scope.getName());
    if (scope.getVersion() != null) {
      g.writeStringField("version", scope.getVersion());
    }
    attributes(g, "attributes", scope.getAttributes());
    g.writeEndObject();
    if (scope.getSchemaUrl() != null) {
      g.writeStringField("scopeSchemaUrl", scope.getSchemaUrl());
    }
  }

  /** The OTLP {@code Span} message. */
  static void span(JsonGenerator g, SpanData s) throws IOException {
    g.writeStartObject();
    g.writeStringField("traceId", s.getTraceId());
    g.writeStringField("spanId", s.getSpanId());
    String state = traceState(s.getSpanContext());
    if (!state.isEmpty()) {
      g.writeStringField("traceState", state);
    }
    if (s.getParentSpanContext().isValid()) {
      g.writeStringField("parentSpanId", s.getParentSpanId());
    }
    g.writeNumberField("flags", flags(s.getSpanContext(), s.getParentSpanContext()));
    g.writeStringField("name", s.getName());
    g.writeNumberField("kind", s.getKind().ordinal() + 1);
    g.writeStringField("startTimeUnixNano", Long.toString(s.getStartEpochNanos()));
    g.writeStringField("endTimeUnixNano", Long.toString(s.getEndEpochNanos()));
    attributes(g, "attributes", s.getAttributes());
    g.writeNumberField("droppedAttributesCount",
        s.getTotalAttributeCount() - s.getAttributes().size());
    g.writeArrayFieldStart("events");
    for (EventData e : s.getEvents()) {
      g.writeStartObject();
      g.writeStringField("timeUnixNano", Long.toString(e.getEpochNanos()));
      g.writeStringField("name", e.getName());
      attributes(g, "attributes", e.getAttributes());
      g.writeNumberField("droppedAttributesCount", e.getDroppedAttributesCount());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("droppedEventsCount", s.getTotalRecordedEvents() - s.getEvents().size());
    g.writeArrayFieldStart("links");
    for (LinkData l : s.getLinks()) {
      g.writeStartObject();
      g.writeStringField("traceId", l.getSpanContext().getTraceId());
      g.writeStringField("spanId", l.getSpanContext().getSpanId());
      String linkState = traceState(l.getSpanContext());
      if (!linkState.isEmpty()) {
        g.writeStringField("traceState", linkState);
      }
      attributes(g, "attributes", l.getAttributes());
      g.writeNumberField("droppedAttributesCount",
          l.getTotalAttributeCount() - l.getAttributes().size());
      g.writeNumberField("flags", flags(l.getSpanContext(), null));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("droppedLinksCount", s.getTotalRecordedLinks() - s.getLinks().size());
    g.writeObjectFieldStart("status");
    if (!s.getStatus().getDescription().isEmpty()) {
      g.writeStringField("message", s.getStatus().getDescription());
    }
    g.writeNumberField("code", switch (s.getStatus().getStatusCode()) {
      case OK -> 1;
      case ERROR -> 2;
      default -> 0;
    });
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * OTLP span/link flags, as the SDK's OTLP exporter sets them: the W3C trace flags in bits 0-7,
   * bit 8 "has is_remote" always, bit 9 "is_remote" (of the parent for a span, of the linked
   * context for a link).
   */
  static int flags(SpanContext context, SpanContext parent) {
    SpanContext remoteOf = parent == null ? context : parent;
    int flags = (context.getTraceFlags().asByte() & 0xff) | 0x100;
    return remoteOf.isRemote() ? flags | 0x200 : flags;
  }

  static String traceState(SpanContext context) {
    StringBuilder b = new StringBuilder();
    context.getTraceState().forEach((k, v) -> {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(k).append('=').append(v);
    });
    return b.toString();
  }

  /** {@code "field":[{"key":..,"value":{AnyValue}}, ...]}. */
  static void attributes(JsonGenerator g, String field, Attributes attributes) throws IOException {
    g.writeArrayFieldStart(field);
    for (Map.Entry<AttributeKey<?>, Object> a : attributes.asMap().entrySet()) {
      g.writeStartObject();
      g.writeStringField("key", a.getKey().getKey());
      g.writeFieldName("value");
      anyValue(g, a.getValue());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** An AnyValue from a plain attribute value (String, Boolean, Long, Double, List of those). */
  static void anyValue(JsonGenerator g, Object v) throws IOException {
    g.writeStartObject();
    if (v instanceof Boolean b) {
      g.writeBooleanField("boolValue", b);
    } else if (v instanceof Long || v instanceof Integer) {
      g.writeStringField("intValue", v.toString());
    } else if (v instanceof Double || v instanceof Float) {
      g.writeNumberField("doubleValue", ((Number) v).doubleValue());
    } else if (v instanceof List<?> list) {
      g.writeObjectFieldStart("arrayValue");
      g.writeArrayFieldStart("values");
      for (Object item : list) {
        anyValue(g, item);
      }
      g.writeEndArray();
      g.writeEndObject();
    } else {
      g.writeStringField("stringValue", String.valueOf(v));
    }
    g.writeEndObject();
  }

  /** An AnyValue from a log body of any type. */
  static void body(JsonGenerator g, Value<?> value) throws IOException {
    switch (value.getType()) {
      case STRING -> anyValue(g, value.getValue());
      case BOOLEAN, LONG, DOUBLE -> anyValue(g, value.getValue());
      case BYTES -> {
        g.writeStartObject();
        ByteBuffer bytes = (ByteBuffer) value.getValue();
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        g.writeStringField("bytesValue", Base64.getEncoder().encodeToString(copy));
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartObject();
        g.writeObjectFieldStart("arrayValue");
        g.writeArrayFieldStart("values");
        for (Object item : (List<?>) value.getValue()) {
          body(g, (Value<?>) item);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
      }
      case KEY_VALUE_LIST -> {
        g.writeStartObject();
        g.writeObjectFieldStart("kvlistValue");
        g.writeArrayFieldStart("values");
        for (Object item : (List<?>) value.getValue()) {
          KeyValue kv = (KeyValue) item;
          g.writeStartObject();
          g.writeStringField("key", kv.getKey());
          g.writeFieldName("value");
          body(g, kv.getValue());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
      }
      default -> anyValue(g, String.valueOf(value.getValue()));
    }
  }
}
