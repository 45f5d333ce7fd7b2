package dev.obskit.core.store;

import dev.obskit.core.id.IdFormat;

/** Argument checks every {@link StoredKeys} implementation applies. */
public final class KeyChecks {
  private KeyChecks() {}

  /** Throws {@link IllegalArgumentException} naming the bad name or length. */
  public static void check(String name, int length) {
    IdFormat.check("key name", name);
    if (length < StoredKeys.MIN_LENGTH || length > StoredKeys.MAX_LENGTH) {
      throw new IllegalArgumentException("key length must be between " + StoredKeys.MIN_LENGTH
          + " and " + StoredKeys.MAX_LENGTH + " bytes, got " + length + " for key " + name);
    }
  }
}
