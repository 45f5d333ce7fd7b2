package dev.obskit.core.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex-driven scrubber, tuned for the common case: most log lines contain nothing to scrub, so
 * each rule first runs a cheap character test ({@code '@'} present, enough digits, a {@code =} or
 * {@code :}, the word "bearer") and only then its regex. Patterns use possessive quantifiers and
 * bounded repetition so a hostile multi-megabyte string costs linear time, never catastrophic
 * backtracking.
 *
 * <p>Secret keys are found by matching any {@code key=value} / {@code key: value} / {@code
 * "key":"value"} token and asking {@link #isSensitiveKey} about the key, instead of one regex
 * alternative per sensitive word, which would be retried at every position of every line. Card
 * candidates are confirmed by network prefix and Luhn checksum before being replaced, which is what
 * keeps order numbers and epoch timestamps intact.
 */
final class DefaultPiiScrubber implements PiiScrubber {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+){0,8}+");
  private static final Pattern CARD = Pattern.compile("(?<![0-9])[0-9](?:[ -]?+[0-9]){12,18}+(?![0-9])");
  private static final Pattern HEADER_LINE = Pattern.compile(
      "(?im)\\b(authorization|proxy-authorization|cookie|set-cookie)(\\s*+:\\s*+)([^\\r\\n]++)");
  private static final Pattern BEARER = Pattern.compile(
      "(?i)\\b(bearer|basic)\\s++([A-Za-z0-9._~+/=-]{8,}+)");
  // group 1: optional opening quote, 2: key, 3: separator (closing quote, = or :, optional quote),
  // 4: the value up to a delimiter.
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?<![A-Za-z0-9_.-])(\"?+)([A-Za-z0-9_.-]{1,80}+)(\\1\\s{0,4}+[=:]\\s{0,4}+\"?+)([^\\s&,;\"'}<>]++)");
  private static final int MIN_CARD_DIGITS = 13;

  private final PiiScrubberConfig config;

  DefaultPiiScrubber(PiiScrubberConfig config) {
    this.config = config;
  }

  @Override
  public String scrubText(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Scan scan = Scan.of(text);
    String out = text;
    if (scan.colonOrEquals) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.contains("authorization") || lower.contains("cookie")) {
        out = HEADER_LINE.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(FILTERED));
      }
      out = replaceSecretValues(out);
    }
    if (scan.mayHaveBearer) {
      out = BEARER.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(FILTERED));
    }
    if (config.scrubEmails() && scan.at) {
      out = replaceEmails(out);
    }
    if (config.scrubCardNumbers() && scan.digits >= MIN_CARD_DIGITS) {
      out = replaceCards(out);
    }
    for (Pattern extra : config.extraPatterns()) {
      out = extra.matcher(out).replaceAll(Matcher.quoteReplacement(FILTERED));
    }
    return out;
  }

  private String replaceSecretValues(String text) {
    Matcher m = KEY_VALUE.matcher(text);
    StringBuilder sb = null;
    while (m.find()) {
      if (!isSensitiveKey(m.group(2)) || FILTERED.equals(m.group(4))) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + m.group(3) + FILTERED));
    }
    if (sb == null) {
      return text;
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String replaceEmails(String text) {
    Matcher m = EMAIL.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(sb, hasTopLevelDomain(m.group())
          ? Matcher.quoteReplacement(FILTERED) : Matcher.quoteReplacement(m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Requires a dot-separated domain ending in 2+ letters, so {@code user@localhost} stays. */
  private static boolean hasTopLevelDomain(String email) {
    int at = email.indexOf('@');
    int dot = email.lastIndexOf('.');
    if (dot < at || email.length() - dot - 1 < 2) {
      return false;
    }
    for (int i = dot + 1; i < email.length(); i++) {
      if (!Character.isLetter(email.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String replaceCards(String text) {
    Matcher m = CARD.matcher(text);
    StringBuilder sb = null;
    while (m.find()) {
      String digits = m.group().replace(" ", "").replace("-", "");
      if (!PaymentCards.looksLikeCard(digits)) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(FILTERED));
    }
    if (sb == null) {
      return text;
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Override
  public boolean isSensitiveKey(String key) {
    if (key == null) {
      return false;
    }
    String k = key.trim().toLowerCase(Locale.ROOT);
    if (config.sensitiveKeys().contains(k)) {
      return true;
    }
    for (String fragment : config.sensitiveKeyFragments()) {
      if (k.contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Map<String, String> scrubMap(Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, scrubValue(k, v)));
    return Collections.unmodifiableMap(copy);
  }

  /** One pass over the characters to decide which rules can possibly match. */
  private static final class Scan {
    boolean at;
    boolean colonOrEquals;
    boolean mayHaveBearer;
    int digits;

    static Scan of(String text) {
      Scan s = new Scan();
      for (int i = 0, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
          s.digits++;
        } else if (c == '@') {
          s.at = true;
        } else if (c == '=' || c == ':') {
          s.colonOrEquals = true;
        } else if ((c == 'b' || c == 'B') && i + 5 < n) {
          s.mayHaveBearer |= text.regionMatches(true, i, "bearer", 0, 6)
              || text.regionMatches(true, i, "basic", 0, 5);
        }
      }
      return s;
    }
  }
}
