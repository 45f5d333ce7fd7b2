package dev.obskit.billing.pricebook;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of a graduated or volume price. Upper bounds are inclusive: a quantity equal to {@code
 * upTo} belongs to this tier (the Lago and Stripe convention). Immutable.
 *
 * @param upTo the tier's inclusive upper bound in billing units; empty for the last, unbounded tier
 * @param unitPrice price per billing unit in this tier, full precision
 * @param flatFee a fee charged once when the tier is reached (graduated) or selected (volume)
 */
public record Tier(Optional<BigDecimal> upTo, BigDecimal unitPrice, BigDecimal flatFee) {
  /** Validates the components. */
  public Tier {
    Objects.requireNonNull(upTo, "upTo");
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(flatFee, "flatFee");
  }

  /** Returns a bounded tier without a flat fee. */
  public static Tier upTo(String upTo, String unitPrice) {
    return new Tier(Optional.of(new BigDecimal(upTo)), new BigDecimal(unitPrice), BigDecimal.ZERO);
  }

  /** Returns the unbounded last tier without a flat fee. */
  public static Tier rest(String unitPrice) {
    return new Tier(Optional.empty(), new BigDecimal(unitPrice), BigDecimal.ZERO);
  }
}
