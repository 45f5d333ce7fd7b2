package dev.obskit.core.id;

/**
 * Identifies a service of the service catalog. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record ServiceId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public ServiceId {
    IdFormat.check("ServiceId", value);
  }

  /** Returns the id for {@code value}. */
  public static ServiceId of(String value) {
    return new ServiceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
