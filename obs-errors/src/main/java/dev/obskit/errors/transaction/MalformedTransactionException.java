package dev.obskit.errors.transaction;

import java.util.Objects;

/** A {@code transaction} item that cannot be read; {@link #reason()} is a short counted code. */
public final class MalformedTransactionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The reason of a timestamp outside year 0 .. 9999: the whole request is refused (400). */
  public static final String OUT_OF_RANGE = "timestamp_out_of_range";

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
   * {@code invalid_event_id}, {@code missing_event_id}, {@code invalid_timestamp}, {@code
   * missing_timestamp} or {@value #OUT_OF_RANGE}. */
  public String reason() {
    return reason;
  }

  /**
   * Returns whether the whole request must be refused rather than the item skipped: an
   * out-of-range timestamp is hostile or broken input the sender must learn about.
   */
  public boolean refusesRequest() {
    return OUT_OF_RANGE.equals(reason);
  }
}
