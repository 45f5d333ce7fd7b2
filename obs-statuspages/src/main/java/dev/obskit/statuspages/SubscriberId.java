package dev.obskit.statuspages;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a status page subscriber. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record SubscriberId(String value) implements TypedId {
  /** Validates the format. */
  public SubscriberId {
    IdFormat.check("SubscriberId", value);
  }

  /** Returns the id with {@code value}. */
  public static SubscriberId of(String value) {
    return new SubscriberId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
