package dev.obskit.errors.issue;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies an issue (a group of events) within a team. Immutable.
 *
 * @param value 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record IssueId(String value) implements TypedId {
  /** Validates {@code value}. */
  public IssueId {
    IdFormat.check("IssueId", value);
  }

  /** Returns the id for {@code value}. */
  public static IssueId of(String value) {
    return new IssueId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
