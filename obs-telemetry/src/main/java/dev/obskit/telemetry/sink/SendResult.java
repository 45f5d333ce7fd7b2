package dev.obskit.telemetry.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened to one send.
 *
 * @param outcome success, retry, reject or too large
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

  /** Permanent failure (4xx other than 408/413/429): the batch can never succeed; dead-letter it. */
  public static SendResult reject(int status, String reason) {
    return new SendResult(Outcome.REJECT, status, reason, null);
  }

  /**
   * The request was too large for the endpoint (HTTP 413, or the sink's own size check before
   * sending): the sender splits the batch in halves and sends each; a single record that is still
   * too large is dead-lettered with this reason.
   */
  public static SendResult tooLarge(int status, String reason) {
    return new SendResult(Outcome.TOO_LARGE, status, reason, null);
  }

  /** The four outcomes. */
  public enum Outcome {
    /** Accepted: commit. */
    SUCCESS,
    /** Transient failure: resend the same batch after a backoff. */
    RETRY,
    /** Permanent failure: dead-letter the batch. */
    REJECT,
    /** Too large: split in halves and send each; dead-letter a single record. */
    TOO_LARGE
  }
}
