package dev.obskit.store.jdbc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.EventJson;
import dev.obskit.errors.event.MalformedEventException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A stored error event's payload (tags, contexts, breadcrumbs: free-form) is kept in obs-errors'
 * own Sentry-compatible JSON, so what is stored is exactly what the module reads and writes.
 */
final class ErrorsJson {
  private ErrorsJson() {}

  static SimpleModule module() {
    SimpleModule m = new SimpleModule("obskit-errors");
    m.addSerializer(ErrorEvent.class, new JsonSerializer<>() {
      @Override
      public void serialize(ErrorEvent v, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeRawValue(new String(EventJson.write(v), StandardCharsets.UTF_8));
      }
    });
    m.addDeserializer(ErrorEvent.class, new JsonDeserializer<>() {
      @Override
      public ErrorEvent deserialize(JsonParser p, DeserializationContext c) throws IOException {
        JsonNode n = p.readValueAsTree();
        try {
          return EventJson.read(n.toString().getBytes(StandardCharsets.UTF_8));
        } catch (MalformedEventException e) {
          throw new IOException("stored error event is malformed: " + e.getMessage(), e);
        }
      }
    });
    return m;
  }
}
