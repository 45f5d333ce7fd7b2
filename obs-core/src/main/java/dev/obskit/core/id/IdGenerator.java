package dev.obskit.core.id;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Produces new identifiers. The default produces 26-character, time-ordered, lowercase base32 ids
 * (ULID layout: 48 bits of milliseconds then 80 random bits), so ids sort by creation time in
 * stores and logs. Tests can substitute {@link #sequential(String)} for readable, predictable ids.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IdGenerator {
  /** Returns a new unique id that passes {@link IdFormat#check}. */
  String next();

  /** Returns a time-ordered random generator reading time from {@code clock}. */
  static IdGenerator timeOrdered(InstantSource clock) {
    return new UlidGenerator(Objects.requireNonNull(clock, "clock"), new SecureRandom());
  }

  /** Returns a generator of {@code prefix-1}, {@code prefix-2}, ... for tests. */
  static IdGenerator sequential(String prefix) {
    IdFormat.check("prefix", prefix);
    // Leave room for "-" and the longest counter (19 digits) so every id passes IdFormat.
    int maxPrefix = IdFormat.MAX_LENGTH - 20;
    if (prefix.length() > maxPrefix) {
      throw new IllegalArgumentException("prefix must be at most " + maxPrefix + " characters, got "
          + prefix.length());
    }
    java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();
    return () -> prefix + "-" + counter.incrementAndGet();
  }
}
