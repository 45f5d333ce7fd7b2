package dev.obskit.incidents.oncall;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a cover request within a schedule. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record CoverRequestId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public CoverRequestId {
    IdFormat.check("CoverRequestId", value);
  }

  /** Returns the id for {@code value}. */
  public static CoverRequestId of(String value) {
    return new CoverRequestId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
