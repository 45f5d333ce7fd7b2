package dev.obskit.core.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex-driven scrubber. Patterns use possessive quantifiers and bounded repetition so a hostile
 * multi-megabyte string costs linear time, never catastrophic backtracking. Card candidates are
 * confirmed by network prefix and Luhn checksum before being replaced, which is what keeps order
 * numbers and epoch timestamps intact.
 */
final class DefaultPiiScrubber implements PiiScrubber {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+){0,8}+");
  private static final Pattern CARD = Pattern.compile("(?<![0-9])[0-9](?:[ -]?+[0-9]){12,18}+(?![0-9])");
  private static final Pattern HEADER_LINE = Pattern.compile(
      "(?im)\\b(authorization|proxy-authorization|cookie|set-cookie)(\\s*+:\\s*+)([^\\r\\n]++)");
  private static final Pattern BEARER = Pattern.compile(
      "(?i)\\b(bearer|basic)\\s++([A-Za-z0-9._~+/=-]{8,}+)");
  private static final String KEY_CHARS = "[A-Za-z0-9_.-]";
  private final Pattern keyValue;
  private final PiiScrubberConfig config;

  DefaultPiiScrubber(PiiScrubberConfig config) {
    this.config = config;
    StringBuilder alternatives = new StringBuilder();
    for (String fragment : config.sensitiveKeyFragments()) {
      appendAlternative(alternatives, KEY_CHARS + "{0,40}" + Pattern.quote(fragment) + KEY_CHARS + "{0,40}+");
    }
    for (String key : config.sensitiveKeys()) {
      appendAlternative(alternatives, Pattern.quote(key));
    }
    // key=value, key: value, "key":"value" and "key": value; the value ends at a delimiter.
    this.keyValue = Pattern.compile("(?i)(?<![A-Za-z0-9_.-])(\"?+)(" + alternatives
        + ")(\\1\\s{0,4}+[=:]\\s{0,4}+\"?+)([^\\s&,;\"'}<>]++)");
  }

  private static void appendAlternative(StringBuilder sb, String alternative) {
    if (sb.length() > 0) {
      sb.append('|');
    }
    sb.append(alternative);
  }

  @Override
  public String scrubText(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = HEADER_LINE.matcher(text).replaceAll("$1$2" + Matcher.quoteReplacement(FILTERED));
    out = BEARER.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(FILTERED));
    out = keyValue.matcher(out).replaceAll("$1$2$3" + Matcher.quoteReplacement(FILTERED));
    if (config.scrubEmails()) {
      out = replaceEmails(out);
    }
    if (config.scrubCardNumbers()) {
      out = replaceCards(out);
    }
    for (Pattern extra : config.extraPatterns()) {
      out = extra.matcher(out).replaceAll(Matcher.quoteReplacement(FILTERED));
    }
    return out;
  }

  private static String replaceEmails(String text) {
    if (text.indexOf('@') < 0) {
      return text;
    }
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
    StringBuilder sb = new StringBuilder(text.length());
    boolean any = false;
    while (m.find()) {
      String digits = m.group().replace(" ", "").replace("-", "");
      boolean card = PaymentCards.looksLikeCard(digits);
      any |= card;
      m.appendReplacement(sb, Matcher.quoteReplacement(card ? FILTERED : m.group()));
    }
    if (!any) {
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
}
