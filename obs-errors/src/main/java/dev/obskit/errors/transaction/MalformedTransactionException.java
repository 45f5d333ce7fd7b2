package dev.obskit.errors.transaction;

import java.util.Objects;

/** A {@code transaction} item that cannot be read; {@link #reason()} is a short counted code. */
public final class MalformedTransactionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /** Creates the exception with a reason code (e.g. {@code invalid_json}) and a message. */
  public MalformedTransactionException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates the exception with a reason code and a message. */
  public MalformedTransactionException(String reason, String message) {
    this(reason, message, null);
  }

  /** Returns the reason code: {@code invalid_json}, {@code not_an_object}, {@code wrong_type},
   * {@code invalid_event_id}, {@code missing_event_id}, {@code invalid_timestamp} or {@code
   * missing_timestamp}. */
  public String reason() {
    return reason;
  }
}
