package dev.obskit.errors.event;

/**
 * A small direct-mapped table of canonical strings, for one thread: {@link #get} returns the
 * cached instance equal to the given characters, or creates, caches (replacing whatever shared
 * the slot) and returns a new one. Bounded: {@value #SLOTS} strings of at most {@value
 * #MAX_LENGTH} characters. Not thread-safe; the event reader keeps one per thread.
 */
final class StringCache {
  /** Longest string cached; longer ones are rarely repeated names. */
  static final int MAX_LENGTH = 160;
  private static final int SLOTS = 2048;

  private final String[] table = new String[SLOTS];

  /** Returns a string equal to {@code chars[offset, offset + length)}. */
  String get(char[] chars, int offset, int length) {
    int h = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      h = 31 * h + chars[i];
    }
    int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    String cached = table[slot];
    if (cached != null && matches(cached, chars, offset, length)) {
      return cached;
    }
    String s = new String(chars, offset, length);
    table[slot] = s;
    return s;
  }

  private static boolean matches(String s, char[] chars, int offset, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
