package dev.obskit.core.store;

/** An insert found an aggregate with the same team and id already stored. */
public final class DuplicateKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code id}. */
  public DuplicateKeyException(String id) {
    super(id + " already exists");
  }
}
