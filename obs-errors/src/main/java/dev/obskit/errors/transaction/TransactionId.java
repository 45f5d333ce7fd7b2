package dev.obskit.errors.transaction;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a stored transaction: its Sentry {@code event_id} (32 lowercase hex characters).
 * Immutable.
 *
 * @param value the id
 */
public record TransactionId(String value) implements TypedId {
  /** Validates {@code value}. */
  public TransactionId {
    IdFormat.check("TransactionId", value);
  }

  @Override
  public String toString() {
    return value;
  }
}
