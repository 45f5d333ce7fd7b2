package dev.obskit.statuspages;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a status page. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record StatusPageId(String value) implements TypedId {
  /** Validates the format. */
  public StatusPageId {
    IdFormat.check("StatusPageId", value);
  }

  /** Returns the id with {@code value}. */
  public static StatusPageId of(String value) {
    return new StatusPageId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
