package dev.obskit.uptime.availability;

import java.time.Duration;

/** Bucket sizes and how long each is kept (Uptime Kuma's three ring buffers). */
public enum Granularity {
  /** One-minute buckets kept 24 hours. */
  MINUTE(Duration.ofMinutes(1), Duration.ofHours(24)),
  /** One-hour buckets kept 30 days. */
  HOUR(Duration.ofHours(1), Duration.ofDays(30)),
  /** One-day (UTC) buckets kept 365 days. */
  DAY(Duration.ofDays(1), Duration.ofDays(365));

  private final Duration size;
  private final Duration retention;

  Granularity(Duration size, Duration retention) {
    this.size = size;
    this.retention = retention;
  }

  /** Returns the bucket length. */
  public Duration size() {
    return size;
  }

  /** Returns how long buckets are kept. */
  public Duration retention() {
    return retention;
  }

  long sizeMillis() {
    return size.toMillis();
  }
}
