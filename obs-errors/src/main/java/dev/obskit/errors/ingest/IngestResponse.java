package dev.obskit.errors.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to send back: status, headers and a JSON body ({@code {"id":"..."}} on success, {@code
 * {"detail":"..."}} on failure, as Relay answers). Immutable.
 *
 * @param status the HTTP status
 * @param headers response headers, including {@code Content-Type}
 * @param body the body bytes
 */
public record IngestResponse(int status, Map<String, String> headers, byte[] body) {
  /** Copies the headers. */
  public IngestResponse {
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    Objects.requireNonNull(body, "body");
  }

  /** Returns the body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  static IngestResponse ok(String eventId) {
    String json = eventId == null ? "{}" : "{\"id\":\"" + eventId + "\"}";
    return json(200, json, Map.of());
  }

  static IngestResponse error(int status, String detail) {
    return error(status, detail, Map.of());
  }

  static IngestResponse error(int status, String detail, Map<String, String> extraHeaders) {
    return json(status, "{\"detail\":\"" + escape(detail) + "\"}", extraHeaders);
  }

  private static IngestResponse json(int status, String json, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put("Content-Type", "application/json");
    return new IngestResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
