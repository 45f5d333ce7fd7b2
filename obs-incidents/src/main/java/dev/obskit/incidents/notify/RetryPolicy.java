package dev.obskit.incidents.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a notification is retried after a retryable failure (timeout, 5xx,
 * 429, rate limit). Exponential backoff capped at {@code maxBackoff}. Immutable.
 *
 * @param maxAttempts attempts in total, 1 to 20 (1 = no retry)
 * @param initialBackoff delay before the second attempt
 * @param multiplier growth of the delay per attempt, at least 1
 * @param maxBackoff the longest delay
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier,
    Duration maxBackoff) {
  /** Default attempts: 4 (PagerDuty-style persistence without hammering a broken endpoint). */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  /** Default first delay. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  /** Default cap. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  /** Validates the components. */
  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 20, got " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, got "
          + initialBackoff + " and " + maxBackoff);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
    }
  }

  /** Returns the defaults: 4 attempts, 1 s doubling to at most 30 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, 2.0, DEFAULT_MAX_BACKOFF);
  }

  /** Returns the delay after failed attempt number {@code attempt} (1-based). */
  public Duration backoffAfter(int attempt) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }
}
