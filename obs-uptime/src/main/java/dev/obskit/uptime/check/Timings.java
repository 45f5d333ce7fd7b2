package dev.obskit.uptime.check;

import java.time.Duration;

/**
 * Where the time of one probe went, in nanoseconds; {@link #NOT_MEASURED} ({@code -1}) for phases
 * that did not happen (no DNS lookup for an IP literal, no TLS for plain HTTP, a reused
 * connection). Immutable.
 *
 * @param dnsNanos name resolution
 * @param connectNanos TCP connect (including TLS, as OkHttp reports it)
 * @param tlsNanos TLS handshake alone
 * @param firstByteNanos from sending the request to the first response byte
 * @param totalNanos the whole probe
 */
public record Timings(long dnsNanos, long connectNanos, long tlsNanos, long firstByteNanos,
    long totalNanos) {
  /** Marks a phase that did not happen. */
  public static final long NOT_MEASURED = -1;

  /** Returns timings with only the total known. */
  public static Timings total(long totalNanos) {
    return new Timings(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, totalNanos);
  }

  /** Returns the total as a duration (zero when not measured). */
  public Duration totalDuration() {
    return Duration.ofNanos(Math.max(0, totalNanos));
  }

  /** Returns the total in whole milliseconds, rounded down (0 when not measured). */
  public long totalMillis() {
    return Math.max(0, totalNanos) / 1_000_000;
  }
}
