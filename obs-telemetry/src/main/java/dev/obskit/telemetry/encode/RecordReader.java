package dev.obskit.telemetry.encode;

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
 * Parses a buffered record back into plain maps, lists, strings, numbers and booleans, for the
 * sinks whose wire format differs from the record format (OTLP). Runs on sender threads only.
 * Nesting depth and string length are bounded, so a corrupt or hostile record fails cleanly.
 */
public final class RecordReader {
  private static final int MAX_DEPTH = 32;
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH).maxStringLength(8 * 1024 * 1024).build())
      .build();

  private RecordReader() {}

  /**
   * Parses one record, which must be a JSON object.
   *
   * @throws IllegalArgumentException if the bytes are not one well-formed JSON object
   */
  public static Map<String, Object> parse(byte[] record) {
    try (JsonParser p = JSON.createParser(record)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("record is not a JSON object");
      }
      Map<String, Object> result = readObject(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing data after the record");
      }
      return result;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed record: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      map.put(key, readValue(p));
    }
    return map;
  }

  private static Object readValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("unexpected end of record");
    }
    switch (t) {
      case START_OBJECT: return readObject(p);
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p));
        }
        return list;
      }
      case VALUE_STRING: return p.getText();
      case VALUE_NUMBER_INT: return p.getLongValue();
      case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
      case VALUE_TRUE: return Boolean.TRUE;
      case VALUE_FALSE: return Boolean.FALSE;
      case VALUE_NULL: return null;
      default: throw new IOException("unexpected token " + t);
    }
  }
}
