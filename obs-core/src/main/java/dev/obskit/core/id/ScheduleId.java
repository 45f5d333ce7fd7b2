package dev.obskit.core.id;

/**
 * Identifies an on-call schedule. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record ScheduleId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public ScheduleId {
    IdFormat.check("ScheduleId", value);
  }

  /** Returns the id for {@code value}. */
  public static ScheduleId of(String value) {
    return new ScheduleId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
