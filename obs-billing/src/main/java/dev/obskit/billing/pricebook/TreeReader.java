package dev.obskit.billing.pricebook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a small JSON or YAML document into plain maps, lists, strings, booleans and number
 * literals ({@link Numeral}) with jackson-core's streaming parser (YAML through jackson-dataformat-yaml's {@link
 * YAMLFactory}, the same token stream). Numbers are taken from their text, never via a double.
 * Bounded: depth, entries and string lengths are capped so a hostile file fails fast with a clear
 * error instead of exhausting memory. Not thread-safe; one instance per document.
 */
final class TreeReader {
  /** A number literal exactly as written; parsed by the field that reads it. */
  record Numeral(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** Marker for an explicit {@code null}. */
  static final Object NULL = new Object();

  static final int MAX_DEPTH = 16;
  static final int MAX_ENTRIES = 20_000;
  static final int MAX_STRING = 4_096;
  static final int MAX_NUMBER_LENGTH = 40;

  private final String book;
  private int entries;

  TreeReader(String book) {
    this.book = book;
  }

  Object read(byte[] content, PriceBookFormat format) {
    JsonFactory factory = format == PriceBookFormat.YAML ? new YAMLFactory() : new JsonFactory();
    factory.setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH)
        .maxStringLength(MAX_STRING).build());
    try (JsonParser parser = factory.createParser(content)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PriceBookException(book, "", "(document)", "is empty");
      }
      Object root = value(parser, "", 0);
      if (parser.nextToken() != null) {
        throw new PriceBookException(book, "", "(document)", "has content after the root value");
      }
      return root;
    } catch (IOException e) {
      throw new PriceBookException(book, "is not valid " + format + ": " + e.getMessage(), e);
    }
  }

  private Object value(JsonParser parser, String path, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new PriceBookException(book, "", path, "nested deeper than " + MAX_DEPTH);
    }
    if (++entries > MAX_ENTRIES) {
      throw new PriceBookException(book, "", path, "more than " + MAX_ENTRIES + " values");
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return object(parser, path, depth);
      case START_ARRAY:
        return array(parser, path, depth);
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        // Kept as text: YAML's .nan, 0x1F or 1_000 are number tokens too, and are refused (naming
        // the item and field) when a field reads them as a decimal.
        return new Numeral(parser.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new PriceBookException(book, "", path, "unexpected " + token);
    }
  }

  private Map<String, Object> object(JsonParser parser, String path, int depth)
      throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String child = path.isEmpty() ? name : path + "." + name;
      parser.nextToken();
      if (map.put(name, value(parser, child, depth + 1)) != null) {
        throw new PriceBookException(book, "", child, "appears twice");
      }
    }
    return map;
  }

  private List<Object> array(JsonParser parser, String path, int depth) throws IOException {
    List<Object> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(value(parser, path + "[" + list.size() + "]", depth + 1));
    }
    return list;
  }
}
