package dev.obskit.core.http;

/**
 * Thrown by a handler to answer with {@code status} and a short public message (sent as
 * {@code {"error": message}}). The message must not hold secrets or internal detail.
 */
public final class HttpStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** Creates the exception; {@code status} must be 400..599. */
  public HttpStatusException(int status, String publicMessage) {
    super(publicMessage);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, got " + status);
    }
    this.status = status;
  }

  /** Returns the HTTP status to answer with. */
  public int status() {
    return status;
  }
}
