package dev.obskit.core.http;

/**
 * Thrown by {@link HttpRequest#body()} when the request body exceeds the route's limit. Unchecked
 * so that a handler's {@code catch (IOException)} cannot turn it into a 400; the router answers
 * 413.
 */
public final class PayloadTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long limit;

  /** Creates the exception for a body larger than {@code limit} bytes. */
  public PayloadTooLargeException(long limit) {
    super("request body exceeds " + limit + " bytes");
    this.limit = limit;
  }

  /** Returns the limit that was exceeded, in bytes. */
  public long limit() {
    return limit;
  }
}
