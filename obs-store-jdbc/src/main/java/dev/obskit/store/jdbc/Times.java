package dev.obskit.store.jdbc;

import java.time.Instant;

/** Instants as sortable {@code bigint} columns: nanoseconds since the epoch, clamped. */
final class Times {
  private static final Instant MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);
  private static final Instant MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private Times() {}

  /** Returns {@code at} in epoch nanoseconds, clamped to the range a long holds (years 1677-2262). */
  static long nanos(Instant at) {
    if (at.isBefore(MIN)) {
      return Long.MIN_VALUE;
    }
    if (at.isAfter(MAX)) {
      return Long.MAX_VALUE;
    }
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  /** Returns {@code at} in epoch nanoseconds, or null. */
  static Long nanosOrNull(Instant at) {
    return at == null ? null : nanos(at);
  }
}
