package dev.obskit.billing.cost.providers;

/** A provider's API could not be used: unreachable, an error status, or an unreadable answer. */
public final class ProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ProviderException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** Returns the last HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }
}
