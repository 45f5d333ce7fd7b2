package dev.obskit.telemetry.ship;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so concurrent senders spread out but never retry hot. A
 * server's {@code Retry-After} replaces the computed delay. Not thread-safe (one per sender).
 */
public final class Backoff {
  static final Duration MIN_RETRY_AFTER = Duration.ofMillis(10);
  private final long initialNanos;
  private final long maxNanos;
  private final Random random;

  /** Creates a backoff; {@code random} is injectable for deterministic tests. */
  public Backoff(Duration initial, Duration max, Random random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got initial="
          + initial + " max=" + max);
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** Returns the delay before retry number {@code attempt} (1-based). */
  public Duration delay(int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      // Honour the server, but never retry hot on "Retry-After: 0".
      return retryAfter.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER : retryAfter;
    }
    int shift = Math.min(Math.max(attempt - 1, 0), 40);
    long ceiling = initialNanos << shift;
    if (ceiling <= 0 || ceiling > maxNanos || (ceiling >> shift) != initialNanos) {
      ceiling = maxNanos;
    }
    long half = ceiling / 2;
    return Duration.ofNanos(half + (long) (random.nextDouble() * (ceiling - half)));
  }
}
