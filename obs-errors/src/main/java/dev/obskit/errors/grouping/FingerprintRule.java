package dev.obskit.errors.grouping;

import dev.obskit.errors.event.ErrorEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A server-side fingerprint rule in Sentry's syntax: {@code matcher:glob [matcher:glob ...] ->
 * value1, value2}, e.g. {@code error.type:DatabaseUnavailableException -> system-down} or
 * {@code stack.module:"com.shop.payment.*" message:"*timeout*" -> payments-timeout, {{ transaction }}}.
 * All matchers of a rule must match; in a list the first matching rule wins. Globs use {@code *}
 * and {@code ?}; {@code message} and {@code error.value} match case-insensitively. Immutable.
 */
public final class FingerprintRule {
  private static final List<String> MATCHERS = List.of("error.type", "type", "error.value", "value",
      "message", "logger", "level", "stack.module", "module", "stack.function", "function",
      "stack.filename", "stack.abs_path", "transaction", "release", "environment");

  private record Matcher(String key, Pattern glob) {}

  private final String source;
  private final List<Matcher> matchers;
  private final List<String> fingerprint;

  private FingerprintRule(String source, List<Matcher> matchers, List<String> fingerprint) {
    this.source = source;
    this.matchers = List.copyOf(matchers);
    this.fingerprint = List.copyOf(fingerprint);
  }

  /** Parses one rule; throws {@link IllegalArgumentException} naming the bad part. */
  public static FingerprintRule parse(String rule) {
    Objects.requireNonNull(rule, "rule");
    int arrow = rule.indexOf("->");
    if (arrow < 0) {
      throw new IllegalArgumentException("fingerprint rule needs '->': '" + rule + "'");
    }
    List<Matcher> matchers = new ArrayList<>();
    for (String token : tokens(rule.substring(0, arrow).trim())) {
      int colon = token.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("matcher must be key:pattern, got '" + token + "' in '"
            + rule + "'");
      }
      String key = token.substring(0, colon);
      if (!MATCHERS.contains(key) && !key.startsWith("tags.")) {
        throw new IllegalArgumentException("unknown matcher '" + key + "' in '" + rule
            + "'; known: " + MATCHERS + " and tags.<name>");
      }
      String pattern = unquote(token.substring(colon + 1));
      boolean ignoreCase = key.equals("message") || key.endsWith("value");
      matchers.add(new Matcher(key, glob(pattern, ignoreCase)));
    }
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("fingerprint rule has no matcher: '" + rule + "'");
    }
    List<String> values = new ArrayList<>();
    for (String v : rule.substring(arrow + 2).split(",")) {
      String trimmed = v.trim();
      if (!trimmed.isEmpty()) {
        values.add(unquote(trimmed));
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("fingerprint rule has no value after '->': '" + rule + "'");
    }
    return new FingerprintRule(rule, matchers, values);
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (Character.isWhitespace(c) && !quoted) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static Pattern glob(String glob, boolean ignoreCase) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), (ignoreCase ? Pattern.CASE_INSENSITIVE : 0) | Pattern.DOTALL);
  }

  boolean matches(EventFacts facts) {
    for (Matcher m : matchers) {
      String value = facts.get(m.key);
      if (value == null || !m.glob.matcher(value).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether the rule matches {@code event}. */
  public boolean matches(ErrorEvent event) {
    return matches(new EventFacts(event));
  }

  /** Returns the fingerprint this rule assigns (may contain variables). */
  public List<String> fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return source;
  }
}
