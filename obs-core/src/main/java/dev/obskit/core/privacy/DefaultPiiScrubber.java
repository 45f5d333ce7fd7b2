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
 * bounded repetition, and the unbounded parts (quoted values, digit runs) are scanned by hand, so
 * a hostile multi-megabyte string costs linear time, never catastrophic backtracking or a deep
 * regex recursion.
 *
 * <p>Secret keys are found by matching any {@code key=value} / {@code key: value} / {@code
 * "key":"value"} separator and asking {@link #isSensitiveKey} about the key, instead of one regex
 * alternative per sensitive word, which would be retried at every position of every line. Only
 * the value of a sensitive key is consumed; scanning resumes right after the separator of any
 * other key, so {@code https://host/cb?token=x} or {@code url=/cb?secret=x} cannot hide a secret
 * inside an innocent-looking value. Quoted values are replaced up to their closing quote, escapes
 * included, so {@code "password": "two words"} leaks no second word.
 *
 * <p>Passwords in URLs ({@code postgres://app:s3cret@db:5432/x}) are replaced, keeping the user
 * and host for debugging.
 *
 * <p>Card candidates are runs of digits in groups separated by single spaces or dashes; every
 * window of whole groups holding 13 to 19 digits is confirmed by network prefix and Luhn checksum
 * before being replaced, which keeps order numbers and epoch timestamps intact and still finds a
 * card followed by its expiry ({@code 4111 1111 1111 1111 12/25}). A digit group glued to a
 * letter in a multi-group run is a fragment of a hex id (a UUID's {@code b412-3456...}), not a card.
 */
final class DefaultPiiScrubber implements PiiScrubber {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+){0,8}+");
  private static final Pattern HEADER_LINE = Pattern.compile(
      "(?im)\\b(authorization|proxy-authorization|cookie|set-cookie)(\\s*+:\\s*+)([^\\r\\n]++)");
  // user:password@ right after a scheme: JDBC URLs, redis://, amqp:// in connection errors.
  private static final Pattern URL_PASSWORD = Pattern.compile(
      "(?<=://)([^/\\s:@]{1,256}+):([^/\\s@]{1,256}+)@");
  private static final Pattern BEARER = Pattern.compile(
      "(?i)\\b(bearer|basic)\\s++([A-Za-z0-9._~+/=-]{8,}+)");
  private static final int MAX_KEY_LENGTH = 80;
  private static final int MAX_SEPARATOR_SPACES = 4;
  private static final int MAX_QUOTED_VALUE = 4096;
  private static final int MIN_CARD_DIGITS = 13;
  private static final int MAX_CARD_DIGITS = 19;

  private final PiiScrubberConfig config;
  // Arrays of the configured names for the allocation-free hot path (one check per separator).
  private final String[] sensitiveKeys;
  private final String[] sensitiveFragments;
  private final int shortestFragment;

  DefaultPiiScrubber(PiiScrubberConfig config) {
    this.config = config;
    this.sensitiveKeys = config.sensitiveKeys().toArray(new String[0]);
    this.sensitiveFragments = config.sensitiveKeyFragments().toArray(new String[0]);
    int shortest = Integer.MAX_VALUE;
    for (String f : sensitiveFragments) {
      shortest = Math.min(shortest, f.length());
    }
    this.shortestFragment = shortest;
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
    }
    if (scan.mayHaveBearer) {
      // Before key=value, so "Authorization=Bearer x" loses both the scheme and the token.
      out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
          looksLikeCredential(m.group(2)) ? m.group(1) + " " + FILTERED : m.group()));
    }
    if (scan.colonOrEquals) {
      out = replaceSecretValues(out);
    }
    if (scan.at && out.contains("://")) {
      // Before e-mails, which would otherwise swallow "password@host" along with the host.
      out = URL_PASSWORD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
          m.group(2).equals(FILTERED) ? m.group() : m.group(1) + ":" + FILTERED + "@"));
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

  /** Prose ("basic authentication") is all lowercase letters; tokens and base64 never are. */
  private static boolean looksLikeCredential(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 'a' || c > 'z') {
        return true;
      }
    }
    return false;
  }

  /**
   * Finds every {@code key=value}, {@code key: value}, {@code "key": value} and {@code 'key'=value}
   * by looking for the separator and walking back over the key (1 to {@value #MAX_KEY_LENGTH}
   * characters of {@code [A-Za-z0-9_.-]}, not preceded by another such character, optionally
   * quoted, up to {@value #MAX_SEPARATOR_SPACES} spaces before and after the separator). A hand
   * scan rather than a regex: logfmt lines have a separator every few characters, and a
   * multi-megabyte run of them must stay cheap.
   */
  private String replaceSecretValues(String text) {
    StringBuilder sb = null;
    int copied = 0;
    int from = 0;
    for (int sep = 0, n = text.length(); sep < n; sep++) {
      char c = text.charAt(sep);
      if (c != '=' && c != ':') {
        continue;
      }
      int keyEnd = skipSpacesBackwards(text, sep);
      char quote = keyEnd > 0 ? text.charAt(keyEnd - 1) : 0;
      boolean quoted = quote == '"' || quote == '\'';
      if (quoted) {
        keyEnd--;
      }
      int keyStart = keyEnd;
      while (keyStart > 0 && keyEnd - keyStart <= MAX_KEY_LENGTH && isKeyChar(text.charAt(keyStart - 1))) {
        keyStart--;
      }
      if (keyStart == keyEnd || keyEnd - keyStart > MAX_KEY_LENGTH) {
        continue;
      }
      int matchStart = keyStart;
      if (quoted) {
        if (keyStart == 0 || text.charAt(keyStart - 1) != quote
            || (keyStart > 1 && isKeyChar(text.charAt(keyStart - 2)))) {
          continue;
        }
        matchStart = keyStart - 1;
      }
      if (matchStart < from) {
        continue; // inside the value just replaced, or overlapping the previous key
      }
      int valueStart = skipSpacesForwards(text, sep + 1);
      from = valueStart;
      if (!isSensitiveKey(text, keyStart, keyEnd)) {
        continue;
      }
      int[] value = valueAt(text, valueStart);
      if (value == null) {
        continue;
      }
      from = value[2];
      if (text.startsWith(FILTERED, value[0])) {
        continue; // already scrubbed (by the header or URL rule, or an earlier pass): idempotence
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      sb.append(text, copied, value[0]).append(FILTERED);
      copied = value[1];
    }
    if (sb == null) {
      return text;
    }
    return sb.append(text, copied, text.length()).toString();
  }

  private static int skipSpacesBackwards(String text, int sep) {
    int i = sep;
    while (i > 0 && sep - i < MAX_SEPARATOR_SPACES && isRegexSpace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static int skipSpacesForwards(String text, int pos) {
    int i = pos;
    while (i < text.length() && i - pos < MAX_SEPARATOR_SPACES && isRegexSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The characters of the regex class {@code \s}. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '-';
  }

  /**
   * Returns {start, end, resume} of the secret value starting at {@code pos}: inside the quotes for
   * a quoted value (resume after the closing quote), else up to the next delimiter; null if none.
   */
  private static int[] valueAt(String text, int pos) {
    if (pos >= text.length()) {
      return null;
    }
    char first = text.charAt(pos);
    int start = pos;
    if (first == '"' || first == '\'') {
      int close = closingQuote(text, pos, first);
      if (close >= 0) {
        return new int[] {pos + 1, close, close + 1};
      }
      start = pos + 1;
    }
    int end = start;
    while (end < text.length() && !isValueDelimiter(text.charAt(end))) {
      end++;
    }
    return end == start ? null : new int[] {start, end, end};
  }

  private static int closingQuote(String text, int open, char quote) {
    int limit = (int) Math.min(text.length(), (long) open + 1 + MAX_QUOTED_VALUE);
    for (int i = open + 1; i < limit; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      } else if (c == '\n' || c == '\r') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isValueDelimiter(char c) {
    return Character.isWhitespace(c) || c == '&' || c == ',' || c == ';' || c == '"' || c == '\''
        || c == '}' || c == '<' || c == '>';
  }

  private static String replaceEmails(String text) {
    Matcher m = EMAIL.matcher(text);
    StringBuilder sb = null;
    int copied = 0;
    while (m.find()) {
      if (!hasTopLevelDomain(text, m.start(), m.end())) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      sb.append(text, copied, m.start()).append(FILTERED);
      copied = m.end();
    }
    if (sb == null) {
      return text;
    }
    return sb.append(text, copied, text.length()).toString();
  }

  /** Requires a dot-separated domain ending in 2+ letters, so {@code user@localhost} stays. */
  private static boolean hasTopLevelDomain(String text, int start, int end) {
    int at = text.indexOf('@', start);
    int dot = text.lastIndexOf('.', end - 1);
    if (dot < at || end - dot - 1 < 2) {
      return false;
    }
    for (int i = dot + 1; i < end; i++) {
      if (!Character.isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String replaceCards(String text) {
    StringBuilder sb = null;
    int copied = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int runStart = i;
      int runEnd = runEnd(text, i);
      i = runEnd;
      boolean grouped = false;
      for (int k = runStart; k < runEnd && !grouped; k++) {
        grouped = !isDigit(text.charAt(k));
      }
      int start = runStart;
      int end = runEnd;
      if (grouped && start > 0 && Character.isLetter(text.charAt(start - 1))) {
        start = nextGroup(text, start, end);
      }
      if (grouped && end < n && Character.isLetter(text.charAt(end))) {
        int lastGroup = end;
        while (lastGroup > start && isDigit(text.charAt(lastGroup - 1))) {
          lastGroup--;
        }
        end = Math.max(start, lastGroup - 1);
      }
      int group = start;
      while (group < end) {
        int cardEnd = longestCardAt(text, group, end);
        if (cardEnd < 0) {
          group = nextGroup(text, group, end);
          continue;
        }
        if (sb == null) {
          sb = new StringBuilder(n);
        }
        sb.append(text, copied, group).append(FILTERED);
        copied = cardEnd;
        group = nextGroup(text, cardEnd, end);
      }
    }
    if (sb == null) {
      return text;
    }
    return sb.append(text, copied, n).toString();
  }

  /** Returns the end of the run of digit groups starting at {@code i}, one separator between. */
  private static int runEnd(String text, int i) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        i++;
      } else if ((c == ' ' || c == '-') && i + 1 < n && isDigit(text.charAt(i + 1))) {
        i += 2;
      } else {
        break;
      }
    }
    return i;
  }

  /** Returns the start of the group after the one containing {@code pos}, or {@code end}. */
  private static int nextGroup(String text, int pos, int end) {
    int i = pos;
    while (i < end && isDigit(text.charAt(i))) {
      i++;
    }
    return Math.min(end, i + 1);
  }

  /**
   * Returns the end index of the longest card number made of whole groups starting at {@code
   * group}, or -1 if none.
   */
  private static int longestCardAt(String text, int group, int end) {
    char first = text.charAt(group);
    if (first < '2' || first > '6') {
      return -1; // no card network starts with 0, 1, 7, 8 or 9
    }
    char[] digits = new char[MAX_CARD_DIGITS];
    int count = 0;
    int best = -1;
    for (int k = group; k <= end; k++) {
      if (k < end && isDigit(text.charAt(k))) {
        if (count == MAX_CARD_DIGITS) {
          break;
        }
        digits[count++] = text.charAt(k);
        continue;
      }
      if (count >= MIN_CARD_DIGITS && PaymentCards.looksLikeCard(digits, count)) {
        best = k;
      }
    }
    return best;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Same answer as {@link #isSensitiveKey(String)} for {@code text[start, end)}, without allocating. */
  private boolean isSensitiveKey(String text, int start, int end) {
    int length = end - start;
    for (String k : sensitiveKeys) {
      if (k.length() == length && text.regionMatches(true, start, k, 0, length)) {
        return true;
      }
    }
    if (length < shortestFragment) {
      return false;
    }
    for (String fragment : sensitiveFragments) {
      for (int i = start, last = end - fragment.length(); i <= last; i++) {
        if (text.regionMatches(true, i, fragment, 0, fragment.length())) {
          return true;
        }
      }
    }
    return false;
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
