package dev.obskit.errors.grouping;

import dev.obskit.errors.event.ProcessingBudget;
import java.util.List;

/**
 * Replaces the variable parts of a message with placeholders so that "Order 123 failed" and
 * "Order 456 failed" group together. Rules and order follow Sentry's {@code parameterization.py},
 * which runs them as one alternation in a single left-to-right pass: at each position the first
 * rule that matches wins and becomes {@code <name>}: e-mail, URL, host name, IP, UUID, SHA-1, MD5,
 * date/time, duration, hex, float, int, and quoted or boolean values of {@code key=value}.
 *
 * <p><b>Linear time.</b> A hand-written scanner, not regular expressions: messages come from
 * untrusted senders, and backtracking patterns over {@code a.a.a...} or {@code x@a.a...} recurse
 * once per repetition (a {@code StackOverflowError} at 8,192 characters) or take quadratic time.
 * Each rule is tried only where its match can start (a word start, or the start of a run of
 * e-mail characters), scans at most the run it starts, and rules whose runs can be revisited
 * remember the run's outcome, so every character is examined a bounded number of times. Stateless,
 * thread-safe.
 */
public final class MessageParameterizer {
  private static final List<String> TLDS = List.of("com", "net", "org", "io", "dev", "app", "info",
      "biz", "edu", "gov", "de", "uk", "fr", "nl", "ru", "cn", "jp", "br", "in", "it", "es", "ch",
      "se", "no", "pl", "au", "ca", "us", "eu", "cloud", "local", "internal");
  private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
  private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun",
      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

  private static final List<String> SCHEMES = List.of("wss", "ws", "https", "http", "ftp");
  private static final List<String> BOOLS = List.of("true", "false");

  private MessageParameterizer() {}

  /** Returns {@code message} with every variable part replaced by its placeholder; null stays null. */
  public static String parameterize(String message) {
    if (message == null || message.isEmpty()) {
      return message;
    }
    ProcessingBudget.check(1 + message.length() / 256);
    return new Scanner(message).run();
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

  /** One pass over one message. */
  private static final class Scanner {
    private final String s;
    private final int n;
    private final StringBuilder out;
    // Host-name memo: the run of labels [hostStart, hostEnd) and the end of its longest match
    // (-1 none) with the dot before that match's TLD; later word starts in the run reuse it.
    private int hostEnd = -1;
    private int hostLastDot = -1;
    private int hostMatchEnd = -1;

    Scanner(String s) {
      this.s = s;
      this.n = s.length();
      this.out = new StringBuilder(n);
    }

    String run() {
      int i = 0;
      int copied = 0;
      while (i < n) {
        String name = null;
        int end = -1;
        char c = s.charAt(i);
        boolean wordStart = isWord(c) && (i == 0 || !isWord(s.charAt(i - 1)));
        if (isEmailLocal(c) && (i == 0 || !isEmailLocal(s.charAt(i - 1)))) {
          end = email(i);
          name = "email";
        }
        if (end < 0 && wordStart) {
          name = null;
          if ((end = url(i)) > 0) {
            name = "url";
          } else if ((end = hostname(i)) > 0) {
            name = "hostname";
          } else if ((end = ip(i)) > 0) {
            name = "ip";
          } else if ((end = uuid(i)) > 0) {
            name = "uuid";
          } else if ((end = hexWord(i, 40)) > 0) {
            name = "sha1";
          } else if ((end = hexWord(i, 32)) > 0) {
            name = "md5";
          } else if ((end = date(i)) > 0) {
            name = "date";
          } else if ((end = duration(i)) > 0) {
            name = "duration";
          } else if ((end = hex(i)) > 0) {
            name = "hex";
          } else if ((end = number(i, true)) > 0) {
            name = "float";
          } else if ((end = number(i, false)) > 0) {
            name = "int";
          }
        }
        if (end < 0 && c == '-' && i + 1 < n && isDigit(s.charAt(i + 1))) {
          // Sentry's -?\b\d+: the minus sign belongs to a float or int that starts a word.
          if ((end = number(i + 1, true)) > 0) {
            name = "float";
          } else if ((end = number(i + 1, false)) > 0) {
            name = "int";
          }
        }
        if (end < 0 && i > 0 && s.charAt(i - 1) == '=') {
          if ((end = quoted(i)) > 0) {
            name = "quoted_str";
          } else if ((end = bool(i)) > 0) {
            name = "bool";
          }
        }
        if (end > i) {
          out.append(s, copied, i).append('<').append(name).append('>');
          i = end;
          copied = end;
        } else {
          i++;
        }
      }
      return copied == 0 ? s : out.append(s, copied, n).toString();
    }

    // --- e-mail: [a-zA-Z0-9._%+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,}

    private int email(int start) {
      int at = start;
      while (at < n && isEmailLocal(s.charAt(at))) {
        at++;
      }
      if (at == n || s.charAt(at) != '@') {
        return -1;
      }
      // The domain: non-empty labels separated by single dots; the match ends after the last
      // label that is two or more letters and follows a dot (the regex's greedy choice).
      int best = -1;
      int labelStart = at + 1;
      for (int j = at + 1; ; j++) {
        char c = j < n ? s.charAt(j) : ' ';
        if (isLabel(c)) {
          continue;
        }
        if (j == labelStart) {
          break;
        }
        if (labelStart > at + 1) {
          int letters = 0;
          while (labelStart + letters < j && isLetter(s.charAt(labelStart + letters))) {
            letters++;
          }
          if (letters >= 2) {
            best = labelStart + letters;
          }
        }
        if (c != '.') {
          break;
        }
        labelStart = j + 1;
      }
      return best;
    }

    // --- URL: \b(wss?|https?|ftp)://[^\s"'<>]+

    private int url(int i) {
      for (String scheme : SCHEMES) {
        int p = i + scheme.length();
        if (s.startsWith(scheme, i) && s.startsWith("://", p)) {
          int j = p + 3;
          while (j < n && !isUrlStop(s.charAt(j))) {
            j++;
          }
          return j > p + 3 ? j : -1;
        }
      }
      return -1;
    }

    // --- host name: \b([a-zA-Z0-9-]+\.)+(tld)\b

    private int hostname(int i) {
      if (i >= hostEnd) {
        scanHostRun(i);
      }
      return hostLastDot > i ? hostMatchEnd : -1;
    }

    /** Scans the run of dot-separated labels from {@code i} once, remembering its longest match. */
    private void scanHostRun(int i) {
      hostLastDot = -1;
      hostMatchEnd = -1;
      int labelStart = i;
      int j = i;
      while (true) {
        while (j < n && isLabel(s.charAt(j))) {
          j++;
        }
        if (j == labelStart) {
          break;
        }
        if (labelStart > i) {
          int tldEnd = tldAt(labelStart, j);
          if (tldEnd > 0) {
            hostLastDot = labelStart - 1;
            hostMatchEnd = tldEnd;
          }
        }
        if (j >= n || s.charAt(j) != '.') {
          break;
        }
        labelStart = ++j;
      }
      hostEnd = Math.max(j, i + 1);
    }

    /** Returns the end of a TLD at {@code from} followed by a word boundary, or -1. */
    private int tldAt(int from, int labelEnd) {
      for (String tld : TLDS) {
        int end = from + tld.length();
        if (end <= labelEnd && s.startsWith(tld, from) && boundaryAt(end)) {
          return end;
        }
      }
      return -1;
    }

    // --- IP v4 and v6

    private int ip(int i) {
      int v4 = ipv4(i);
      return v4 > 0 ? v4 : ipv6(i);
    }

    private int ipv4(int i) {
      int j = i;
      for (int octet = 0; octet < 4; octet++) {
        if (octet > 0) {
          if (j >= n || s.charAt(j) != '.') {
            return -1;
          }
          j++;
        }
        int d = digitsEnd(j, 4);
        int len = d - j;
        if (len < 1 || len > 3 || Integer.parseInt(s, j, d, 10) > 255
            || len == 3 && s.charAt(j) == '0') {
          return -1;
        }
        j = d;
      }
      return boundaryAt(j) ? j : -1;
    }

    /** {@code (h{1,4}:){7}h{1,4}\b} or {@code (h{1,4}:){1,7}:(h{1,4})?\b}. */
    private int ipv6(int i) {
      int j = i;
      int groups = 0;
      while (groups < 8) {
        int h = hexEnd(j, 5);
        if (h == j || h - j > 4) {
          return -1;
        }
        groups++;
        if (groups == 8) {
          return boundaryAt(h) ? h : -1;
        }
        if (h >= n || s.charAt(h) != ':') {
          return -1;
        }
        j = h + 1;
        if (j < n && s.charAt(j) == ':') {
          // "::" then an optional group and \b; without the group, \b after ':' needs a word.
          int t = j + 1;
          int tail = hexEnd(t, 5);
          if (tail > t && tail - t <= 4 && boundaryAt(tail)) {
            return tail;
          }
          return t < n && isWord(s.charAt(t)) ? t : -1;
        }
      }
      return -1;
    }

    // --- UUID, SHA-1, MD5

    private int uuid(int i) {
      int[] groups = {8, 4, 4, 4, 12};
      int j = i;
      for (int g = 0; g < groups.length; g++) {
        if (g > 0) {
          if (j >= n || s.charAt(j) != '-') {
            return -1;
          }
          j++;
        }
        if (hexEnd(j, groups[g] + 1) - j != groups[g]) {
          return -1;
        }
        j += groups[g];
      }
      return boundaryAt(j) ? j : -1;
    }

    private int hexWord(int i, int length) {
      int h = hexEnd(i, length + 1);
      return h - i == length && boundaryAt(h) ? h : -1;
    }

    // --- dates and times

    private int date(int i) {
      int iso = isoDate(i);
      if (iso > 0) {
        return iso;
      }
      int rfc = rfc1123(i);
      return rfc > 0 ? rfc : clock(i);
    }

    /**
     * {@code \d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?(?![\w:])},
     * trying the longest time part first, each with and without a zone, as the regex backtracks.
     */
    private int isoDate(int i) {
      if (!fixedDigits(i, 4) || !charAt(i + 4, '-') || !fixedDigits(i + 5, 2)
          || !charAt(i + 7, '-') || !fixedDigits(i + 8, 2)) {
        return -1;
      }
      int day = i + 10;
      int[] ends = new int[4];
      int count = 0;
      if ((charAt(day, 'T') || charAt(day, ' ')) && fixedDigits(day + 1, 2)
          && charAt(day + 3, ':') && fixedDigits(day + 4, 2)) {
        int minutes = day + 6;
        if (charAt(minutes, ':') && fixedDigits(minutes + 1, 2)) {
          int seconds = minutes + 3;
          if ((charAt(seconds, '.') || charAt(seconds, ',')) && seconds + 1 < n
              && isDigit(s.charAt(seconds + 1))) {
            ends[count++] = digitsEnd(seconds + 1, n);
          }
          ends[count++] = seconds;
        }
        ends[count++] = minutes;
      }
      ends[count++] = day;
      for (int k = 0; k < count; k++) {
        int zone = zone(ends[k]);
        if (zone > 0 && notWordOrColon(zone)) {
          return zone;
        }
        if (notWordOrColon(ends[k])) {
          return ends[k];
        }
      }
      return -1;
    }

    private int zone(int j) {
      if (charAt(j, 'Z')) {
        return j + 1;
      }
      if (!(charAt(j, '+') || charAt(j, '-')) || !fixedDigits(j + 1, 2)) {
        return -1;
      }
      if (charAt(j + 3, ':') && fixedDigits(j + 4, 2)) {
        return j + 6;
      }
      return fixedDigits(j + 3, 2) ? j + 5 : -1;
    }

    /** {@code (Mon|...), \d{1,2} (Jan|...) \d{4} \d{2}:\d{2}:\d{2}( (GMT|UTC|[+-]\d{4}))?}. */
    private int rfc1123(int i) {
      if (!startsWithAny(i, DAYS) || !s.startsWith(", ", i + 3)) {
        return -1;
      }
      int j = i + 5;
      int d = digitsEnd(j, 3);
      if (d - j < 1 || d - j > 2 || !charAt(d, ' ') || !startsWithAny(d + 1, MONTHS)
          || !charAt(d + 4, ' ') || !fixedDigits(d + 5, 4) || !charAt(d + 9, ' ')) {
        return -1;
      }
      int t = d + 10;
      if (!fixedDigits(t, 2) || !charAt(t + 2, ':') || !fixedDigits(t + 3, 2)
          || !charAt(t + 5, ':') || !fixedDigits(t + 6, 2)) {
        return -1;
      }
      int end = t + 8;
      if (charAt(end, ' ')) {
        if (s.startsWith("GMT", end + 1) || s.startsWith("UTC", end + 1)) {
          return end + 4;
        }
        if ((charAt(end + 1, '+') || charAt(end + 1, '-')) && fixedDigits(end + 2, 4)) {
          return end + 6;
        }
      }
      return end;
    }

    /** {@code \d{1,2}:\d{2}:\d{2}([.,]\d+)?\b}. */
    private int clock(int i) {
      int h = digitsEnd(i, 3);
      if (h - i < 1 || h - i > 2 || !charAt(h, ':') || !fixedDigits(h + 1, 2)
          || !charAt(h + 3, ':') || !fixedDigits(h + 4, 2)) {
        return -1;
      }
      int end = h + 6;
      if ((charAt(end, '.') || charAt(end, ',')) && end + 1 < n && isDigit(s.charAt(end + 1))) {
        int f = digitsEnd(end + 1, n);
        if (boundaryAt(f)) {
          return f;
        }
      }
      return boundaryAt(end) ? end : -1;
    }

    // --- duration, hex, numbers

    /** {@code \d+(\.\d+)?(ms|s)\b}. */
    private int duration(int i) {
      int d = digitsEnd(i, n);
      if (d == i) {
        return -1;
      }
      if (charAt(d, '.') && d + 1 < n && isDigit(s.charAt(d + 1))) {
        d = digitsEnd(d + 1, n);
      }
      if (s.startsWith("ms", d) && boundaryAt(d + 2)) {
        return d + 2;
      }
      return charAt(d, 's') && boundaryAt(d + 1) ? d + 1 : -1;
    }

    /** {@code 0[xX][0-9a-fA-F]+\b}, or a hex word of 8+ with a letter and a digit. */
    private int hex(int i) {
      if (charAt(i, '0') && (charAt(i + 1, 'x') || charAt(i + 1, 'X'))) {
        int h = hexEnd(i + 2, n);
        if (h > i + 2 && boundaryAt(h)) {
          return h;
        }
      }
      int h = hexEnd(i, n);
      if (h - i < 8 || !boundaryAt(h)) {
        return -1;
      }
      boolean letter = false;
      boolean digit = false;
      for (int j = i; j < h && !(letter && digit); j++) {
        if (isDigit(s.charAt(j))) {
          digit = true;
        } else {
          letter = true;
        }
      }
      return letter && digit ? h : -1;
    }

    /** {@code \d+\.\d+\b} when {@code fraction}, else {@code \d+\b}. */
    private int number(int i, boolean fraction) {
      int d = digitsEnd(i, n);
      if (d == i) {
        return -1;
      }
      if (fraction) {
        if (!charAt(d, '.') || d + 1 >= n || !isDigit(s.charAt(d + 1))) {
          return -1;
        }
        d = digitsEnd(d + 1, n);
      }
      return boundaryAt(d) ? d : -1;
    }

    // --- key=value: quoted strings and booleans

    private int quoted(int i) {
      char q = s.charAt(i);
      if (q != '"' && q != '\'') {
        return -1;
      }
      int close = s.indexOf(q, i + 1);
      return close < 0 ? -1 : close + 1;
    }

    private int bool(int i) {
      for (String b : BOOLS) {
        if (s.startsWith(b, i) && boundaryAt(i + b.length())) {
          return i + b.length();
        }
      }
      return -1;
    }

    // --- character helpers

    private boolean startsWithAny(int i, List<String> words) {
      for (String w : words) {
        if (s.startsWith(w, i)) {
          return true;
        }
      }
      return false;
    }

    private boolean charAt(int i, char c) {
      return i < n && s.charAt(i) == c;
    }

    private boolean fixedDigits(int i, int count) {
      return i + count <= n && digitsEnd(i, count) == i + count;
    }

    /** Returns the end of the digit run at {@code i}, looking at most {@code max} characters. */
    private int digitsEnd(int i, int max) {
      int j = i;
      int limit = (int) Math.min(n, (long) i + max);
      while (j < limit && isDigit(s.charAt(j))) {
        j++;
      }
      return j;
    }

    private int hexEnd(int i, int max) {
      int j = i;
      int limit = (int) Math.min(n, (long) i + max);
      while (j < limit && isHex(s.charAt(j))) {
        j++;
      }
      return j;
    }

    /** A word boundary after a match that ended in a word character. */
    private boolean boundaryAt(int j) {
      return j >= n || !isWord(s.charAt(j));
    }

    private boolean notWordOrColon(int j) {
      return j >= n || !isWord(s.charAt(j)) && s.charAt(j) != ':';
    }
  }

  static boolean isWord(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static boolean isLabel(char c) {
    return isLetter(c) || isDigit(c) || c == '-';
  }

  private static boolean isEmailLocal(char c) {
    return isLabel(c) || c == '.' || c == '_' || c == '%' || c == '+';
  }

  private static boolean isUrlStop(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>';
  }
}
