package dev.obskit.core.id;

/**
 * Identifies an incident opened from alerts or by hand. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record IncidentId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public IncidentId {
    IdFormat.check("IncidentId", value);
  }

  /** Returns the id for {@code value}. */
  public static IncidentId of(String value) {
    return new IncidentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
