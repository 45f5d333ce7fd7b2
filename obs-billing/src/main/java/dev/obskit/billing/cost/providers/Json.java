package dev.obskit.billing.cost.providers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a provider's JSON answer into maps, lists, strings and booleans; numbers are kept as their
 * text (never a double). Bounded depth and sizes. Stateless.
 */
final class Json {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
          .maxNumberLength(64).maxStringLength(1 << 20).build()).build();

  private Json() {}

  static Map<String, Object> object(String text, String what) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ProviderException(what + ": expected a JSON object", 0, null);
      }
      return readObject(parser);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      throw new ProviderException(what + ": unreadable JSON: "
          + (message.length() > 200 ? message.substring(0, 200) + "..." : message), 0, e);
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser));
        }
        return list;
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        return parser.getText();
    }
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      map.put(name, value(parser));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> from, String key, String what) {
    Object value = from.get(key);
    if (!(value instanceof Map<?, ?>)) {
      throw new ProviderException(what + ": field '" + key + "' is not an object", 0, null);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> from, String key, String what) {
    Object value = from.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      throw new ProviderException(what + ": field '" + key + "' is not a list", 0, null);
    }
    for (Object element : l) {
      if (!(element instanceof Map<?, ?>)) {
        throw new ProviderException(what + ": field '" + key + "' holds a non-object", 0, null);
      }
    }
    return (List<Map<String, Object>>) value;
  }

  static String text(Map<String, Object> from, String key, String what) {
    Object value = from.get(key);
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new ProviderException(what + ": field '" + key + "' is missing", 0, null);
    }
    return value.toString();
  }

  static String textOr(Map<String, Object> from, String key, String fallback) {
    Object value = from.get(key);
    return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? fallback
        : value.toString();
  }
}
