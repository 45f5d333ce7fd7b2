package dev.obskit.core.id;

/**
 * Identifies an uptime or heartbeat monitor. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record MonitorId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public MonitorId {
    IdFormat.check("MonitorId", value);
  }

  /** Returns the id for {@code value}. */
  public static MonitorId of(String value) {
    return new MonitorId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
