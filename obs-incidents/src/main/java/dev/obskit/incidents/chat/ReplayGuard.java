package dev.obskit.incidents.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the signatures (or message ids) accepted within the replay window, so the same signed
 * request cannot be played twice. Entries older than the window are dropped on the way; at most
 * {@link #MAX_ENTRIES} are kept, and when that many fresh requests arrive within one window new
 * ones are refused rather than forgotten (a replay must never pass because memory ran out).
 * Thread-safe.
 */
final class ReplayGuard {
  static final int MAX_ENTRIES = 100_000;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private final Duration window;

  ReplayGuard(Duration window) {
    this.window = window;
  }

  /** Records {@code key}; returns false when it was already seen in the window or memory is full. */
  boolean firstTime(String key, Instant now) {
    if (seen.size() >= MAX_ENTRIES / 2) {
      purge(now);
    }
    if (seen.size() >= MAX_ENTRIES) {
      return false;
    }
    return seen.putIfAbsent(key, now.plus(window).plus(window)) == null;
  }

  private void purge(Instant now) {
    for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().isBefore(now)) {
        it.remove();
      }
    }
  }
}
