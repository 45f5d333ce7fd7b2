package dev.obskit.incidents.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A token bucket on the module clock: {@code permits} sends per {@code period}, refilled smoothly.
 * Thread-safe. Slack documents one message per second per webhook; Twilio queues beyond its
 * per-number rate; without a limit a paging storm turns into a ban.
 */
public final class RateLimit {
  private final int permits;
  private final Duration period;
  private final InstantSource clock;
  private double tokens;
  private Instant last;

  /** Creates a full bucket of {@code permits} per {@code period}. */
  public RateLimit(int permits, Duration period, InstantSource clock) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be >= 1, got " + permits);
    }
    Objects.requireNonNull(period, "period");
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive, got " + period);
    }
    this.permits = permits;
    this.period = period;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = permits;
    this.last = clock.instant();
  }

  /** Takes one permit if available; never blocks. */
  public synchronized boolean tryAcquire() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double elapsed = Duration.between(last, now).toNanos();
      tokens = Math.min(permits, tokens + elapsed * permits / period.toNanos());
      last = now;
    }
    if (tokens >= 1.0) {
      tokens -= 1.0;
      return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return permits + " per " + period;
  }
}
