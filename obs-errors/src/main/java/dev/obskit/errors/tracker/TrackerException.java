package dev.obskit.errors.tracker;

/** A tracker refused a request or could not be reached; the message names the tracker and why. */
public final class TrackerException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public TrackerException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception. */
  public TrackerException(String message) {
    super(message);
  }
}
