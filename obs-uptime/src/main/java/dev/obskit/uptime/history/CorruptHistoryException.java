package dev.obskit.uptime.history;

import java.io.IOException;

/** A stored history snapshot that cannot be read; the message names the location and why. */
public final class CorruptHistoryException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names the location and the problem. */
  public CorruptHistoryException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public CorruptHistoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
