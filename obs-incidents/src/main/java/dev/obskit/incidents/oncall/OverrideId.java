package dev.obskit.incidents.oncall;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies an override within a schedule. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record OverrideId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public OverrideId {
    IdFormat.check("OverrideId", value);
  }

  /** Returns the id for {@code value}. */
  public static OverrideId of(String value) {
    return new OverrideId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
