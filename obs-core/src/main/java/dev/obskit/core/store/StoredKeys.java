package dev.obskit.core.store;

/**
 * Secrets ObsKit generates for itself (the incident action-link secret, the iCal feed secret),
 * stored by name so that what they signed before a restart still verifies after it. The first
 * caller of a name creates the key; every later caller, in this process or in another replica on
 * the same store, gets the same bytes. Thread-safe; a durable store may block on its database.
 */
public interface StoredKeys {
  /** Shortest key this facility creates. */
  int MIN_LENGTH = 16;
  /** Longest key this facility creates. */
  int MAX_LENGTH = 1024;

  /**
   * Returns the key called {@code name}, creating it with {@code length} bytes from a
   * cryptographically strong random source if there is none yet. A key once created is never
   * replaced: a later call with another length returns the stored key as it is.
   *
   * @param name 1 to 128 characters of letters, digits and {@code ._:@-}, e.g. {@code
   *     incidents.link-secret}
   * @param length bytes of a new key, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
   * @return a copy of the key
   * @throws IllegalArgumentException if the name or length is invalid
   * @throws StoreException if a durable store cannot read or write it
   */
  byte[] getOrCreate(String name, int length);
}
