package dev.obskit.core.id;

/**
 * Identifies a person who can be notified, put on call or assigned a role. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record UserId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public UserId {
    IdFormat.check("UserId", value);
  }

  /** Returns the id for {@code value}. */
  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
