package dev.obskit.core.store;

/**
 * An aggregate with an optimistic-locking version. A newly created aggregate has version
 * {@link #INITIAL_VERSION}; each update stores version {@code n + 1} only if the stored one is
 * still {@code n}, otherwise the store throws {@link StaleVersionException}. A JDBC store maps
 * this to {@code UPDATE ... SET version = n + 1 WHERE id = ? AND team_id = ? AND version = n}.
 */
public interface Versioned {
  /** The version of an aggregate that has never been updated. */
  long INITIAL_VERSION = 1;

  /** Returns this snapshot's version. */
  long version();
}
