package dev.obskit.incidents.incident;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A timeline entry to append, before it gets its sequence number and time. Immutable.
 *
 * @param type what happened
 * @param actor who or what did it
 * @param message a human-readable line
 * @param attributes machine-readable facts
 */
public record TimelineNote(TimelineEventType type, String actor, String message,
    Map<String, String> attributes) {
  /** Validates and copies the components. */
  public TimelineNote {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(message, "message");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
