package dev.obskit.incidents.chat;

import java.util.Objects;

/**
 * What a chat route answers: an HTTP status and a JSON body. Immutable.
 *
 * @param status the HTTP status (200 handled, 400 malformed, 401 bad signature)
 * @param json the body, {@code application/json}
 */
public record ChatReply(int status, String json) {
  /** Validates the components. */
  public ChatReply {
    Objects.requireNonNull(json, "json");
  }
}
