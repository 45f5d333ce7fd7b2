package dev.obskit.errors.event;

/** Thrown when event JSON cannot be read; the message says what and where, for a 400 answer. */
public final class MalformedEventException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the problem. */
  public MalformedEventException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the parser's cause. */
  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
