package dev.obskit.errors.event;

import java.util.List;
import java.util.Objects;

/**
 * A log message as Sentry's {@code logentry} interface: the raw template, its parameters and the
 * formatted text. Grouping prefers the template. Immutable.
 *
 * @param template the raw template, e.g. {@code "User {} not found"}, or null
 * @param params the parameters, possibly empty
 * @param formatted the formatted message, or null
 */
public record LogEntry(String template, List<String> params, String formatted) {
  /** Copies the parameters. */
  public LogEntry {
    params = List.copyOf(Objects.requireNonNull(params, "params"));
  }

  /** Returns an entry with only formatted text. */
  public static LogEntry formatted(String text) {
    return new LogEntry(null, List.of(), text);
  }

  /** Returns the text to show: the formatted message, else the template. */
  public String displayText() {
    return formatted != null ? formatted : template;
  }
}
