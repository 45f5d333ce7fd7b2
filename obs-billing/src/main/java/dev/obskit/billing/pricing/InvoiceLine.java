package dev.obskit.billing.pricing;

import dev.obskit.billing.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One billable item of an {@link Invoice}. Quantities are in the item's billing unit; {@code
 * amount} is rounded once (half-up to the currency's minor unit) from {@code overage x unit price x
 * proration} computed at full precision. Immutable.
 *
 * @param itemCode the price book item
 * @param type recurring, term or usage
 * @param description human text, e.g. "Logs ingested (US_EAST)"
 * @param unit the billing unit
 * @param quantity the quantity held or used
 * @param included the part of {@code quantity} included free (bundle or free tier)
 * @param overage the billed quantity, {@code max(0, quantity - included)}
 * @param unitPrice price per unit (per block for packages; average for tiered models)
 * @param proration the fraction of the period charged (1 for a whole period, days/daysInPeriod at
 *     9 decimals otherwise)
 * @param amount the line amount, rounded
 */
public record InvoiceLine(String itemCode, LineType type, String description, String unit,
    BigDecimal quantity, BigDecimal included, BigDecimal overage, BigDecimal unitPrice,
    BigDecimal proration, Money amount) {
  /** Validates the components. */
  public InvoiceLine {
    Objects.requireNonNull(itemCode, "itemCode");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(included, "included");
    Objects.requireNonNull(overage, "overage");
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(proration, "proration");
    Objects.requireNonNull(amount, "amount");
  }
}
