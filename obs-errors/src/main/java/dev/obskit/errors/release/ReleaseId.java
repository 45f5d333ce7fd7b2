package dev.obskit.errors.release;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a release record (release versions themselves are free text). Immutable.
 *
 * @param value 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record ReleaseId(String value) implements TypedId {
  /** Validates {@code value}. */
  public ReleaseId {
    IdFormat.check("ReleaseId", value);
  }

  @Override
  public String toString() {
    return value;
  }
}
