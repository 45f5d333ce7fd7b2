package dev.obskit.incidents.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** JSON and form helpers of the chat handlers, with bounded parsing. Thread-safe. */
final class ChatJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(32).maxStringLength(64 * 1024).build());
  }

  private ChatJson() {}

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON");
    }
  }

  /** Decodes an {@code application/x-www-form-urlencoded} body; the first value of a name wins. */
  static Map<String, String> form(byte[] body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static ChatReply reply(int status, String... keyValues) {
    ObjectNode n = MAPPER.createObjectNode();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      n.put(keyValues[i], keyValues[i + 1]);
    }
    return new ChatReply(status, n.toString());
  }

  static String text(JsonNode node, String... path) {
    JsonNode at = node;
    for (String p : path) {
      at = at == null ? null : at.get(p);
    }
    return at == null || !at.isValueNode() ? "" : at.asText();
  }
}
