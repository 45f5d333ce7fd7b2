package dev.obskit.errors.grouping;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers "does this class name start with one of these package prefixes" by trying only the
 * prefixes that share its first character, without allocating: grouping asks it for frames of
 * every event. Immutable, thread-safe.
 */
final class PrefixSet {
  private final String[][] byFirstChar = new String[128][];

  PrefixSet(List<String> prefixes) {
    List<List<String>> buckets = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      buckets.add(new ArrayList<>());
    }
    List<String> other = new ArrayList<>();
    for (String p : prefixes) {
      char c = p.isEmpty() ? 0 : p.charAt(0);
      (c < 128 ? buckets.get(c) : other).add(p);
    }
    for (int i = 0; i < 128; i++) {
      List<String> b = buckets.get(i);
      b.addAll(other);
      byFirstChar[i] = b.isEmpty() ? null : b.toArray(new String[0]);
    }
  }

  boolean matches(String className) {
    if (className.isEmpty()) {
      return false;
    }
    char c = className.charAt(0);
    String[] candidates = c < 128 ? byFirstChar[c] : null;
    if (candidates == null) {
      return false;
    }
    for (String p : candidates) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
