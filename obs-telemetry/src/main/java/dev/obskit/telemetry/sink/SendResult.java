package dev.obskit.telemetry.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened to one send.
 *
 * @param outcome success, retry or reject
 * @param status the HTTP status, or 0 when there was none (I/O error, file sink)
 * @param reason human-readable cause for retries and rejections (never contains credentials)
 * @param retryAfter the server's {@code Retry-After}, or null to use the sender's backoff
 */
public record SendResult(Outcome outcome, int status, String reason, Duration retryAfter) {
  private static final SendResult SUCCESS = new SendResult(Outcome.SUCCESS, 0, "", null);

  public SendResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  /** The batch was accepted (HTTP 2xx, or written). */
  public static SendResult success() {
    return SUCCESS;
  }

  /** The batch was accepted with {@code status}. */
  public static SendResult success(int status) {
    return new SendResult(Outcome.SUCCESS, status, "", null);
  }

  /** Transient failure (429, 5xx, timeout, connection refused): send the same batch again later. */
  public static SendResult retry(int status, String reason, Duration retryAfter) {
    return new SendResult(Outcome.RETRY, status, reason, retryAfter);
  }

  /** Permanent failure (4xx other than 408/429): the batch can never succeed; dead-letter it. */
  public static SendResult reject(int status, String reason) {
    return new SendResult(Outcome.REJECT, status, reason, null);
  }

  /** The three outcomes. */
  public enum Outcome {
    SUCCESS,
    RETRY,
    REJECT
  }
}
