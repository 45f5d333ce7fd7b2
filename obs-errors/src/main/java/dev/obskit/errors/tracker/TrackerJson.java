package dev.obskit.errors.tracker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON helpers over jackson-core for tracker requests and replies. Thread-safe. */
final class TrackerJson {
  static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
          .maxStringLength(1 << 20).maxNumberLength(64).build())
      .build();

  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private TrackerJson() {}

  static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Parses a JSON value into maps, lists, strings, numbers, booleans and nulls. */
  static Object read(byte[] json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      return value(p);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return null;
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, value(p));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING: return p.getText();
      case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return p.getText();
      case VALUE_TRUE: return Boolean.TRUE;
      case VALUE_FALSE: return Boolean.FALSE;
      default: return null;
    }
  }

  /** Sends {@code request}; failures become a {@link TrackerException} naming {@code tracker}. */
  static java.net.http.HttpResponse<byte[]> send(java.net.http.HttpClient http,
      java.net.http.HttpRequest request, String tracker) throws TrackerException {
    try {
      return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TrackerException(tracker + " unreachable at " + request.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrackerException("interrupted while calling " + tracker, e);
    }
  }

  /** Follows {@code path} through nested objects; null when any step is missing. */
  static Object at(Object root, String... path) {
    Object o = root;
    for (String step : path) {
      if (!(o instanceof Map<?, ?> m)) {
        return null;
      }
      o = m.get(step);
    }
    return o;
  }

  static String text(Object root, String... path) {
    Object o = at(root, path);
    return o instanceof String s ? s : null;
  }
}
