package dev.obskit.errors.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened before an event: a log line, an HTTP call, a navigation. Immutable.
 *
 * @param timestamp when it happened
 * @param type the breadcrumb type ({@code default}, {@code http}, ...), or null
 * @param category the category (a logger name, {@code http}, ...), or null
 * @param message the message, or null
 * @param level the level
 * @param data extra string data, possibly empty
 */
public record Breadcrumb(Instant timestamp, String type, String category, String message,
    Level level, Map<String, String> data) {
  /** Validates and copies. */
  public Breadcrumb {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(level, "level");
    data = Map.copyOf(Objects.requireNonNull(data, "data"));
  }

  /** Returns a plain breadcrumb with a category and a message. */
  public static Breadcrumb of(Instant timestamp, String category, String message) {
    return new Breadcrumb(timestamp, "default", category, message, Level.INFO, Map.of());
  }
}
