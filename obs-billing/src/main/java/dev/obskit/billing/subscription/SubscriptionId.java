package dev.obskit.billing.subscription;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a {@link Subscription} within its team. Immutable.
 *
 * @param value see {@link IdFormat}
 */
public record SubscriptionId(String value) implements TypedId {
  /** Validates the value. */
  public SubscriptionId {
    IdFormat.check("SubscriptionId", value);
  }

  /** Returns the id for {@code value}. */
  public static SubscriptionId of(String value) {
    return new SubscriptionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
