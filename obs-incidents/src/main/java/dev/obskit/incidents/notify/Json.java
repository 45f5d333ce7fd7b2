package dev.obskit.incidents.notify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Streaming JSON rendering on jackson-core; one shared, thread-safe factory. */
final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Writes one JSON document. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private Json() {}

  static String render(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      // A StringWriter cannot fail; keep the checked exception out of every caller.
      throw new UncheckedIOException("rendering JSON into memory failed", e);
    }
    return out.toString();
  }

  static void field(JsonGenerator g, String name, String value) throws IOException {
    g.writeStringField(name, value);
  }
}
