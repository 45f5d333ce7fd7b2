package dev.obskit.statuspages;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a status report. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record ReportId(String value) implements TypedId {
  /** Validates the format. */
  public ReportId {
    IdFormat.check("ReportId", value);
  }

  /** Returns the id with {@code value}. */
  public static ReportId of(String value) {
    return new ReportId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
