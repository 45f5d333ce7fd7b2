package dev.obskit.telemetry;

import java.util.Locale;

/**
 * Which events a live-tail subscriber receives: a minimum level, a logger-name prefix and a text
 * that the message must contain (case-insensitive). Empty parts match everything. Immutable.
 *
 * @param minLevel the lowest severity delivered, e.g. {@link Severity#WARN}
 * @param loggerPrefix delivered only when the logger name starts with it; empty for all loggers
 * @param text delivered only when the message contains it, ignoring case; empty for all messages
 */
public record TailFilter(Severity minLevel, String loggerPrefix, String text) {
  /** The longest {@code loggerPrefix} or {@code text} accepted. */
  public static final int MAX_PART_CHARS = 512;

  /** Every event. */
  public static final TailFilter ALL = new TailFilter(Severity.TRACE, "", "");

  /**
   * @throws NullPointerException naming a null part
   * @throws IllegalArgumentException when a part is longer than {@link #MAX_PART_CHARS}
   */
  public TailFilter {
    java.util.Objects.requireNonNull(minLevel, "minLevel");
    java.util.Objects.requireNonNull(loggerPrefix, "loggerPrefix");
    java.util.Objects.requireNonNull(text, "text");
    checkLength("loggerPrefix", loggerPrefix);
    checkLength("text", text);
    text = text.toLowerCase(Locale.ROOT);
  }

  private static void checkLength(String name, String value) {
    if (value.length() > MAX_PART_CHARS) {
      throw new IllegalArgumentException(name + " is " + value.length() + " characters long; at most "
          + MAX_PART_CHARS + " are accepted");
    }
  }

  /** Returns a filter for {@code minLevel} and above, any logger, any text. */
  public static TailFilter atLeast(Severity minLevel) {
    return new TailFilter(minLevel, "", "");
  }

  /** Returns true if {@code event} passes every part of this filter. */
  public boolean matches(TelemetryEvent event) {
    return event.severity().compareTo(minLevel) >= 0
        && event.logger().startsWith(loggerPrefix)
        && containsIgnoreCase(event.message(), text);
  }

  /** {@code needle} is already lower case; allocation-free. */
  static boolean containsIgnoreCase(String haystack, String needle) {
    int n = needle.length();
    if (n == 0) {
      return true;
    }
    for (int i = 0, last = haystack.length() - n; i <= last; i++) {
      if (haystack.regionMatches(true, i, needle, 0, n)) {
        return true;
      }
    }
    return false;
  }
}
