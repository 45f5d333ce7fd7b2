package dev.obskit.statuspages;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a scheduled maintenance window. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record MaintenanceId(String value) implements TypedId {
  /** Validates the format. */
  public MaintenanceId {
    IdFormat.check("MaintenanceId", value);
  }

  /** Returns the id with {@code value}. */
  public static MaintenanceId of(String value) {
    return new MaintenanceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
