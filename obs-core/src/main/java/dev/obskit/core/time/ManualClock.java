package dev.obskit.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when told to, for tests and simulations of time-dependent logic.
 *
 * <p>Every ObsKit component takes its time from an {@link java.time.InstantSource} or {@link Clock},
 * so a test hands it a {@code ManualClock} and advances time explicitly instead of sleeping.
 * Thread-safe: readers always see a consistent instant; {@link #advance} is atomic.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Returns a clock fixed at {@code start} in UTC until advanced. */
  public static ManualClock startingAt(Instant start) {
    return new ManualClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** Returns a clock fixed at the parsed ISO-8601 instant, e.g. {@code "2026-03-29T00:30:00Z"}. */
  public static ManualClock startingAt(String isoInstant) {
    return startingAt(Instant.parse(isoInstant));
  }

  /** Moves time forward by {@code amount}; negative amounts are rejected. Returns the new instant. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative: " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /** Sets the current instant; it may not move backwards. */
  public void setInstant(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    now.updateAndGet(t -> {
      if (instant.isBefore(t)) {
        throw new IllegalArgumentException("ManualClock cannot move backwards from " + t + " to " + instant);
      }
      return instant;
    });
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** Returns a view in another zone that shares this clock's instant. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new ManualClock(now, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
