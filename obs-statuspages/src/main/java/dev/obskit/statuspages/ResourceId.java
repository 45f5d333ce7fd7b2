package dev.obskit.statuspages;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a resource (monitor, heartbeat or hand-driven component) of a status page. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record ResourceId(String value) implements TypedId {
  /** Validates the format. */
  public ResourceId {
    IdFormat.check("ResourceId", value);
  }

  /** Returns the id with {@code value}. */
  public static ResourceId of(String value) {
    return new ResourceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
