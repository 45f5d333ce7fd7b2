package dev.obskit.uptime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses durations in monitors files: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 1d}, ISO-8601 ({@code PT30S}), or a bare number of seconds (Better Stack's unit).
 */
final class Durations {
  private Durations() {}

  static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.length() > 32) {
      throw new IllegalArgumentException("not a duration: '" + text + "'");
    }
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration: '" + text + "'", e);
      }
    }
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0 || i > 12) {
      throw new IllegalArgumentException("not a duration: '" + text
          + "' (use e.g. 30s, 5m, 2h, 1d)");
    }
    long n = Long.parseLong(t.substring(0, i));
    return switch (t.substring(i).strip()) {
      case "", "s" -> Duration.ofSeconds(n);
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("unknown duration unit in '" + text
          + "' (use ms, s, m, h or d)");
    };
  }
}
