package dev.obskit.errors.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Streaming writer of Sentry event JSON, in the shape sentry-java sends. */
final class EventJsonWriter {
  private final JsonGenerator g;

  private EventJsonWriter(JsonGenerator g) {
    this.g = g;
  }

  static byte[] write(ErrorEvent e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator gen = EventJson.FACTORY.createGenerator(out)) {
      new EventJsonWriter(gen).event(e);
    } catch (IOException ex) {
      // Writing to memory cannot fail; a failure here is a bug in the writer.
      throw new UncheckedIOException("writing event JSON failed", ex);
    }
    return out.toByteArray();
  }

  private void event(ErrorEvent e) throws IOException {
    g.writeStartObject();
    str("event_id", e.eventId());
    str("timestamp", e.timestamp().toString());
    str("platform", e.platform());
    str("level", e.level().wireName());
    str("logger", e.logger());
    str("transaction", e.transaction());
    str("server_name", e.serverName());
    str("release", e.release());
    str("dist", e.dist());
    str("environment", e.environment());
    if (e.logEntry() != null) {
      logEntry(e.logEntry());
    }
    if (!e.exceptions().isEmpty()) {
      exceptions(e.exceptions());
    }
    if (!e.tags().isEmpty()) {
      g.writeObjectFieldStart("tags");
      for (Map.Entry<String, String> t : e.tags().entrySet()) {
        g.writeStringField(t.getKey(), t.getValue());
      }
      g.writeEndObject();
    }
    if (!e.user().isEmpty()) {
      user(e.user());
    }
    if (e.request() != null) {
      request(e.request());
    }
    if (!e.contexts().isEmpty()) {
      g.writeFieldName("contexts");
      value(e.contexts());
    }
    if (!e.extra().isEmpty()) {
      g.writeFieldName("extra");
      value(e.extra());
    }
    if (!e.breadcrumbs().isEmpty()) {
      breadcrumbs(e.breadcrumbs());
    }
    if (!e.threads().isEmpty()) {
      threads(e.threads());
    }
    if (!e.stacktrace().isEmpty()) {
      g.writeObjectFieldStart("stacktrace");
      frames(e.stacktrace());
      g.writeEndObject();
    }
    if (!e.fingerprint().isEmpty()) {
      g.writeArrayFieldStart("fingerprint");
      for (String f : e.fingerprint()) {
        g.writeString(f);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void logEntry(LogEntry m) throws IOException {
    g.writeObjectFieldStart("logentry");
    str("message", m.template());
    if (!m.params().isEmpty()) {
      g.writeArrayFieldStart("params");
      for (String param : m.params()) {
        g.writeString(param);
      }
      g.writeEndArray();
    }
    str("formatted", m.formatted());
    g.writeEndObject();
  }

  private void exceptions(List<ExceptionValue> values) throws IOException {
    g.writeObjectFieldStart("exception");
    g.writeArrayFieldStart("values");
    for (ExceptionValue v : values) {
      g.writeStartObject();
      str("type", v.type());
      str("value", v.value());
      str("module", v.module());
      if (!v.frames().isEmpty()) {
        g.writeObjectFieldStart("stacktrace");
        frames(v.frames());
        g.writeEndObject();
      }
      if (v.mechanismType() != null || v.synthetic() || v.handled() != null) {
        g.writeObjectFieldStart("mechanism");
        str("type", v.mechanismType() == null ? "generic" : v.mechanismType());
        if (v.handled() != null) {
          g.writeBooleanField("handled", v.handled());
        }
        if (v.synthetic()) {
          g.writeBooleanField("synthetic", true);
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void frames(List<StackFrame> frames) throws IOException {
    g.writeArrayFieldStart("frames");
    for (StackFrame f : frames) {
      frame(f);
    }
    g.writeEndArray();
  }

  private void threads(List<ThreadInfo> threads) throws IOException {
    g.writeObjectFieldStart("threads");
    g.writeArrayFieldStart("values");
    for (ThreadInfo t : threads) {
      g.writeStartObject();
      str("id", t.id());
      str("name", t.name());
      if (t.crashed()) {
        g.writeBooleanField("crashed", true);
      }
      if (t.current()) {
        g.writeBooleanField("current", true);
      }
      if (!t.frames().isEmpty()) {
        g.writeObjectFieldStart("stacktrace");
        frames(t.frames());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void frame(StackFrame f) throws IOException {
    g.writeStartObject();
    str("module", f.module());
    str("function", f.function());
    str("filename", f.filename());
    str("abs_path", f.absPath());
    if (f.lineno() != null) {
      g.writeNumberField("lineno", f.lineno());
    }
    if (f.inApp() != null) {
      g.writeBooleanField("in_app", f.inApp());
    }
    g.writeEndObject();
  }

  private void user(UserInfo u) throws IOException {
    g.writeObjectFieldStart("user");
    str("id", u.id());
    str("email", u.email());
    str("username", u.username());
    str("ip_address", u.ipAddress());
    g.writeEndObject();
  }

  private void request(RequestInfo r) throws IOException {
    g.writeObjectFieldStart("request");
    str("method", r.method());
    str("url", r.url());
    if (!r.headers().isEmpty()) {
      g.writeObjectFieldStart("headers");
      for (Map.Entry<String, String> h : r.headers().entrySet()) {
        g.writeStringField(h.getKey(), h.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private void breadcrumbs(List<Breadcrumb> crumbs) throws IOException {
    g.writeObjectFieldStart("breadcrumbs");
    g.writeArrayFieldStart("values");
    for (Breadcrumb b : crumbs) {
      g.writeStartObject();
      str("timestamp", b.timestamp().toString());
      str("type", b.type());
      str("category", b.category());
      str("message", b.message());
      str("level", b.level().wireName());
      if (!b.data().isEmpty()) {
        g.writeObjectFieldStart("data");
        for (Map.Entry<String, String> d : b.data().entrySet()) {
          g.writeStringField(d.getKey(), d.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void value(Object o) throws IOException {
    if (o == null) {
      g.writeNull();
    } else if (o instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(e.getValue());
      }
      g.writeEndObject();
    } else if (o instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        value(item);
      }
      g.writeEndArray();
    } else if (o instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (o instanceof Long || o instanceof Integer) {
      g.writeNumber(((Number) o).longValue());
    } else if (o instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (o instanceof Instant i) {
      g.writeString(i.toString());
    } else {
      g.writeString(String.valueOf(o));
    }
  }

  private void str(String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }
}
