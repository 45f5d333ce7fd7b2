package dev.obskit.core.store;

/**
 * A store could not do what was asked: its database is unreachable, its schema is newer than the
 * code, or a statement failed. The message names the store (its URL, never its password).
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with {@code message}. */
  public StoreException(String message) {
    super(message);
  }

  /** Creates the exception with {@code message} and its {@code cause}. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
