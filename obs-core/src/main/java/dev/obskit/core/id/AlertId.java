package dev.obskit.core.id;

/**
 * Identifies one occurrence of an alert, from its first trigger to its resolution. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record AlertId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public AlertId {
    IdFormat.check("AlertId", value);
  }

  /** Returns the id for {@code value}. */
  public static AlertId of(String value) {
    return new AlertId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
