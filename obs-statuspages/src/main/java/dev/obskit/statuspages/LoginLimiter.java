package dev.obskit.statuspages;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per page and client address in a sliding window on the kit clock; at the
 * limit, further attempts are refused without checking the password (so the slow hash cannot be
 * used to load the host). Holds at most 10,000 keys. Thread-safe.
 */
final class LoginLimiter {
  private static final int MAX_KEYS = 10_000;
  private final Clock clock;
  private final int attempts;
  private final long windowMillis;
  private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  LoginLimiter(Clock clock, int attempts, Duration window) {
    this.clock = clock;
    this.attempts = attempts;
    this.windowMillis = window.toMillis();
  }

  /** Returns the seconds to wait before trying again, or 0 when an attempt is allowed. */
  long retryAfterSeconds(String key) {
    Deque<Long> d = failures.get(key);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      long now = clock.millis();
      prune(d, now);
      if (d.size() < attempts) {
        return 0;
      }
      return Math.max(1, (d.peekFirst() + windowMillis - now + 999) / 1000);
    }
  }

  void failed(String key) {
    if (failures.size() >= MAX_KEYS) {
      long now = clock.millis();
      failures.values().removeIf(d -> {
        synchronized (d) {
          prune(d, now);
          return d.isEmpty();
        }
      });
      if (failures.size() >= MAX_KEYS) {
        failures.clear();
      }
    }
    Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(clock.millis());
      while (d.size() > attempts) {
        d.removeFirst();
      }
    }
  }

  void succeeded(String key) {
    failures.remove(key);
  }

  private void prune(Deque<Long> d, long now) {
    while (!d.isEmpty() && d.peekFirst() <= now - windowMillis) {
      d.removeFirst();
    }
  }
}
