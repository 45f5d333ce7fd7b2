package dev.obskit.billing.pricing;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies an {@link Invoice} within its team. Immutable.
 *
 * @param value see {@link IdFormat}
 */
public record InvoiceId(String value) implements TypedId {
  /** Validates the value. */
  public InvoiceId {
    IdFormat.check("InvoiceId", value);
  }

  /** Returns the id for {@code value}. */
  public static InvoiceId of(String value) {
    return new InvoiceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
