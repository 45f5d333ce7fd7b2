package dev.obskit.errors.grouping;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the variable parts of a message with placeholders so that "Order 123 failed" and
 * "Order 456 failed" group together. Rules and order follow Sentry's {@code parameterization.py}:
 * e-mail, URL, host name, IP, UUID, SHA-1, MD5, date/time, duration, hex, float, int, and quoted or
 * boolean values of {@code key=value}. Each match becomes {@code <name>}. Stateless, thread-safe.
 */
public final class MessageParameterizer {
  private record Rule(String name, Pattern pattern) {}

  private static final String TLDS = "com|net|org|io|dev|app|info|biz|edu|gov|de|uk|fr|nl|ru|cn|jp"
      + "|br|in|it|es|ch|se|no|pl|au|ca|us|eu|cloud|local|internal";

  private static final List<Rule> RULES = List.of(
      new Rule("email", Pattern.compile("[a-zA-Z0-9._%+-]+@[a-zA-Z0-9-]+(\\.[a-zA-Z0-9-]+)*\\.[a-zA-Z]{2,}")),
      new Rule("url", Pattern.compile("\\b(wss?|https?|ftp)://[^\\s\"'<>]+")),
      new Rule("hostname", Pattern.compile("\\b([a-zA-Z0-9-]+\\.)+(" + TLDS + ")\\b")),
      new Rule("ip", Pattern.compile("\\b(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}\\b"
          + "|\\b([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\\b|\\b([0-9a-fA-F]{1,4}:){1,7}:([0-9a-fA-F]{1,4})?\\b")),
      new Rule("uuid", Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b")),
      new Rule("sha1", Pattern.compile("\\b[0-9a-fA-F]{40}\\b")),
      new Rule("md5", Pattern.compile("\\b[0-9a-fA-F]{32}\\b")),
      new Rule("date", Pattern.compile(
          "\\b\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?)?(Z|[+-]\\d{2}:?\\d{2})?(?![\\w:])"
          + "|\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + " \\d{4} \\d{2}:\\d{2}:\\d{2}( (GMT|UTC|[+-]\\d{4}))?"
          + "|\\b\\d{1,2}:\\d{2}:\\d{2}([.,]\\d+)?\\b")),
      new Rule("duration", Pattern.compile("\\b\\d+(\\.\\d+)?(ms|s)\\b")),
      new Rule("hex", Pattern.compile("\\b0[xX][0-9a-fA-F]+\\b"
          + "|\\b(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b")),
      new Rule("float", Pattern.compile("-?\\b\\d+\\.\\d+\\b")),
      new Rule("int", Pattern.compile("-?\\b\\d+\\b")),
      new Rule("quoted_str", Pattern.compile("(?<==)(\"[^\"]*\"|'[^']*')")),
      new Rule("bool", Pattern.compile("(?<==)(true|false)\\b")));

  private MessageParameterizer() {}

  /** Returns {@code message} with every variable part replaced by its placeholder; null stays null. */
  public static String parameterize(String message) {
    if (message == null || message.isEmpty()) {
      return message;
    }
    String out = message;
    for (Rule rule : RULES) {
      Matcher m = rule.pattern.matcher(out);
      if (m.find()) {
        out = m.replaceAll("<" + rule.name + ">");
      }
    }
    return out;
  }

  /**
   * Returns the first two non-empty lines of {@code message}, parameterised, with {@code ...}
   * appended when lines were dropped (Sentry's message strategy).
   */
  public static String normalizeForGrouping(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder kept = new StringBuilder();
    int lines = 0;
    boolean trimmed = false;
    for (String line : message.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      if (lines == 2) {
        trimmed = true;
        break;
      }
      if (lines > 0) {
        kept.append('\n');
      }
      kept.append(line.strip());
      lines++;
    }
    String text = parameterize(kept.toString());
    return trimmed ? text + "..." : text;
  }
}
