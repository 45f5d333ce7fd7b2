package dev.obskit.core.id;

/**
 * The one format every typed id shares: 1 to 128 characters of letters, digits and {@code ._:@-}.
 * Narrow enough to be safe in URLs, file names, SQL and log lines without escaping.
 */
public final class IdFormat {
  /** Longest accepted id. */
  public static final int MAX_LENGTH = 128;

  private IdFormat() {}

  /**
   * Throws {@link IllegalArgumentException} naming {@code kind} and the bad value when {@code value}
   * is not a valid id.
   */
  public static void check(String kind, String value) {
    if (value == null) {
      throw new NullPointerException(kind);
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          kind + " must be 1 to " + MAX_LENGTH + " characters, got " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isAllowed(c)) {
        throw new IllegalArgumentException(
            kind + " may contain only letters, digits and ._:@- but got '" + printable(value) + "'");
      }
    }
  }

  /** Returns whether {@code value} would pass {@link #check}. */
  public static boolean isValid(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!isAllowed(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
  }

  private static String printable(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    StringBuilder sb = new StringBuilder(shown.length());
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }
}
