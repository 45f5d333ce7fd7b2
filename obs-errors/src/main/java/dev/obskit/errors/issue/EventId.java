package dev.obskit.errors.issue;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a stored event: Sentry's 32-hex {@code event_id}. Immutable.
 *
 * @param value the id
 */
public record EventId(String value) implements TypedId {
  /** Validates {@code value}. */
  public EventId {
    IdFormat.check("EventId", value);
  }

  @Override
  public String toString() {
    return value;
  }
}
