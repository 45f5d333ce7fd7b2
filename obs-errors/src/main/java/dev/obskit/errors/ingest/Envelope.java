package dev.obskit.errors.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Sentry envelope: one header line of JSON, then items, each a header line and a payload
 * of {@code length} bytes (or up to the next newline when no length is given). Payloads are not
 * copied: items point into the buffer. Only scalar header values are kept; nested header objects
 * ({@code sdk}, {@code trace}) are skipped.
 *
 * @param headers the envelope header's scalar members
 * @param items the items in order
 */
record Envelope(Map<String, Object> headers, List<Item> items) {
  /** Most items accepted in one envelope. */
  static final int MAX_ITEMS = 1000;

  static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
          .maxStringLength(64 * 1024).maxNumberLength(32).build())
      .build();

  /**
   * One item.
   *
   * @param type the item type
   * @param headers the item header's scalar members
   * @param data the envelope buffer
   * @param offset where the payload starts in {@code data}
   * @param length the payload length
   */
  record Item(String type, Map<String, Object> headers, byte[] data, int offset, int length) {}

  /** Parses {@code data}; throws 400 with the position and reason when it is not an envelope. */
  static Envelope parse(byte[] data) throws IngestException {
    int len = data.length;
    int eol = indexOf(data, 0, len);
    if (eol == 0 && len == 0) {
      throw new IngestException(400, "empty envelope");
    }
    Map<String, Object> headers = headerLine(data, 0, eol, "envelope header");
    List<Item> items = new ArrayList<>();
    int pos = Math.min(len, eol + 1);
    while (pos < len) {
      int lineEnd = indexOf(data, pos, len);
      if (lineEnd == pos) {
        pos++;
        continue;
      }
      int itemNo = items.size() + 1;
      Map<String, Object> h = headerLine(data, pos, lineEnd, "item " + itemNo + " header");
      Object type = h.get("type");
      if (!(type instanceof String t) || t.isEmpty()) {
        throw new IngestException(400, "item " + itemNo + " header has no \"type\"");
      }
      int start = lineEnd + 1;
      int length;
      Object declared = h.get("length");
      if (declared != null) {
        if (!(declared instanceof Long l) || l < 0) {
          throw new IngestException(400, "item " + itemNo + " has an invalid length: " + declared);
        }
        int remaining = Math.max(0, len - start);
        if (l > remaining) {
          throw new IngestException(400, "item " + itemNo + " (" + t + ") declares length " + l
              + " but only " + remaining + " bytes remain: envelope truncated");
        }
        length = (int) (long) l;
      } else {
        length = start >= len ? 0 : indexOf(data, start, len) - start;
      }
      if (items.size() == MAX_ITEMS) {
        throw new IngestException(413, "envelope has more than " + MAX_ITEMS + " items");
      }
      items.add(new Item(t, h, data, Math.min(start, len), length));
      pos = start + length;
      if (pos < len && data[pos] == '\n') {
        pos++;
      } else if (pos < len && declared != null) {
        throw new IngestException(400, "item " + itemNo + " (" + t
            + ") payload is not followed by a newline: wrong length");
      }
    }
    return new Envelope(headers, items);
  }

  private static int indexOf(byte[] data, int from, int len) {
    for (int i = from; i < len; i++) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return len;
  }

  private static Map<String, Object> headerLine(byte[] data, int from, int to, String what)
      throws IngestException {
    int end = to > from && data[to - 1] == '\r' ? to - 1 : to;
    try (JsonParser p = JSON.createParser(data, from, end - from)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IngestException(400, what + " must be a JSON object on one line");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (t) {
          case VALUE_STRING: out.put(name, p.getText()); break;
          case VALUE_NUMBER_INT: out.put(name, p.getValueAsLong()); break;
          case VALUE_NUMBER_FLOAT: out.put(name, p.getDoubleValue()); break;
          case VALUE_TRUE: case VALUE_FALSE: out.put(name, p.getBooleanValue()); break;
          default: p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new IngestException(400, what + " has data after the JSON object");
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new IngestException(400, what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IngestException(400, what + " is unreadable: " + e.getMessage(), e);
    }
  }
}
