package dev.obskit.core.store;

/**
 * An update lost an optimistic-locking race: the stored aggregate is no longer at the version the
 * caller read. The caller re-reads and decides again (often: the other writer already did it).
 */
public final class StaleVersionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long expected;
  private final long actual;

  /** Creates the exception for aggregate {@code id}. */
  public StaleVersionException(String id, long expected, long actual) {
    super(id + " is at version " + actual + ", not " + expected + " as the update expected");
    this.expected = expected;
    this.actual = actual;
  }

  /** Returns the version the update was based on. */
  public long expected() {
    return expected;
  }

  /** Returns the version found in the store (0 if the aggregate is gone). */
  public long actual() {
    return actual;
  }
}
