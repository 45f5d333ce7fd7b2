package dev.obskit.core.id;

/**
 * Identifies an error-tracking project (what a Sentry DSN points at). Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record ProjectId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public ProjectId {
    IdFormat.check("ProjectId", value);
  }

  /** Returns the id for {@code value}. */
  public static ProjectId of(String value) {
    return new ProjectId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
