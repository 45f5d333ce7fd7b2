package dev.obskit.incidents.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an incident's append-only timeline. Immutable.
 *
 * @param sequence 1 for the first entry, then consecutive; a JDBC store keys rows by it
 * @param at when it happened, by the module clock
 * @param type what happened
 * @param actor who or what did it ({@code "user:alice"}, {@code "system"}, {@code "alert"})
 * @param message a human-readable line
 * @param attributes machine-readable facts (channel, attempt, step, dedup key), insertion ordered
 */
public record TimelineEntry(long sequence, Instant at, TimelineEventType type, String actor,
    String message, Map<String, String> attributes) {
  /** Validates and copies the components. */
  public TimelineEntry {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1, got " + sequence);
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(message, "message");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** Returns an attribute or the empty string. */
  public String attribute(String key) {
    return attributes.getOrDefault(key, "");
  }
}
