package dev.obskit.billing.pricebook;

import dev.obskit.billing.money.Decimals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How a billable quantity (already net of any included allowance, in billing units) becomes an
 * amount. Every model returns the amount <em>unrounded</em>: the pricing calculator rounds each
 * invoice line exactly once. Implementations are immutable records.
 *
 * <p>Graduated and volume tiers agree for every quantity up to and including the first tier's
 * bound; above it, with non-increasing unit prices and no flat fees, volume is never more than
 * graduated (it charges all units at the lowest price reached). Both are property-tested.
 */
public sealed interface PricingModel {

  /** Returns the unrounded amount for {@code quantity} billing units (at least 0). */
  BigDecimal amount(BigDecimal quantity);

  /**
   * Returns the price per unit to print on an invoice line: the nominal price for flat, per-unit
   * and package models; the average for tiered models (amount / quantity, 9 decimals).
   */
  BigDecimal unitPriceFor(BigDecimal quantity);

  /** A fixed fee whenever the quantity is positive, whatever the quantity. */
  record Flat(BigDecimal price) implements PricingModel {
    /** Validates the price. */
    public Flat {
      Objects.requireNonNull(price, "price");
    }

    @Override
    public BigDecimal amount(BigDecimal quantity) {
      return quantity.signum() > 0 ? price : BigDecimal.ZERO;
    }

    @Override
    public BigDecimal unitPriceFor(BigDecimal quantity) {
      return price;
    }
  }

  /** The same price for every unit. */
  record PerUnit(BigDecimal unitPrice) implements PricingModel {
    /** Validates the price. */
    public PerUnit {
      Objects.requireNonNull(unitPrice, "unitPrice");
    }

    @Override
    public BigDecimal amount(BigDecimal quantity) {
      return quantity.multiply(unitPrice);
    }

    @Override
    public BigDecimal unitPriceFor(BigDecimal quantity) {
      return unitPrice;
    }
  }

  /**
   * A price per started block of {@code blockSize} units: {@code ceil(q / size) * price}, so 51
   * monitors are two packs of 50 (Kill Bill's block rounding).
   */
  record Package(BigDecimal blockSize, BigDecimal blockPrice) implements PricingModel {
    /** Validates the components. */
    public Package {
      Objects.requireNonNull(blockPrice, "blockPrice");
      if (Objects.requireNonNull(blockSize, "blockSize").signum() <= 0) {
        throw new IllegalArgumentException("blockSize must be > 0, got " + blockSize);
      }
    }

    @Override
    public BigDecimal amount(BigDecimal quantity) {
      return new BigDecimal(Decimals.blocks(quantity, blockSize)).multiply(blockPrice);
    }

    @Override
    public BigDecimal unitPriceFor(BigDecimal quantity) {
      return blockPrice;
    }
  }

  /** Each tier's units at that tier's price, plus each reached tier's flat fee. */
  record Graduated(List<Tier> tiers) implements PricingModel {
    /** Copies the tiers. */
    public Graduated {
      tiers = checkTiers(tiers);
    }

    @Override
    public BigDecimal amount(BigDecimal quantity) {
      if (quantity.signum() <= 0) {
        return BigDecimal.ZERO;
      }
      BigDecimal total = BigDecimal.ZERO;
      BigDecimal lower = BigDecimal.ZERO;
      for (Tier tier : tiers) {
        BigDecimal upper = tier.upTo().map(quantity::min).orElse(quantity);
        total = total.add(upper.subtract(lower).multiply(tier.unitPrice())).add(tier.flatFee());
        if (tier.upTo().isEmpty() || quantity.compareTo(tier.upTo().get()) <= 0) {
          break;
        }
        lower = tier.upTo().get();
      }
      return total;
    }

    @Override
    public BigDecimal unitPriceFor(BigDecimal quantity) {
      return average(amount(quantity), quantity);
    }
  }

  /** All units at the price of the tier the whole quantity falls in, plus that tier's flat fee. */
  record Volume(List<Tier> tiers) implements PricingModel {
    /** Copies the tiers. */
    public Volume {
      tiers = checkTiers(tiers);
    }

    @Override
    public BigDecimal amount(BigDecimal quantity) {
      if (quantity.signum() <= 0) {
        return BigDecimal.ZERO;
      }
      Tier tier = tierFor(quantity);
      return quantity.multiply(tier.unitPrice()).add(tier.flatFee());
    }

    @Override
    public BigDecimal unitPriceFor(BigDecimal quantity) {
      return quantity.signum() <= 0 ? tiers.get(0).unitPrice() : tierFor(quantity).unitPrice();
    }

    private Tier tierFor(BigDecimal quantity) {
      for (Tier tier : tiers) {
        if (tier.upTo().isEmpty() || quantity.compareTo(tier.upTo().get()) <= 0) {
          return tier;
        }
      }
      return tiers.get(tiers.size() - 1);
    }
  }

  /** Requires ascending bounds and an unbounded last tier; returns an immutable copy. */
  private static List<Tier> checkTiers(List<Tier> tiers) {
    List<Tier> copy = List.copyOf(tiers);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("at least one tier is required");
    }
    BigDecimal previous = BigDecimal.ZERO;
    for (int i = 0; i < copy.size(); i++) {
      Tier tier = copy.get(i);
      boolean last = i == copy.size() - 1;
      if (tier.upTo().isEmpty() != last) {
        throw new IllegalArgumentException("tiers[" + i + "].upTo: only the last tier is unbounded");
      }
      if (!last && tier.upTo().get().compareTo(previous) <= 0) {
        throw new IllegalArgumentException("tiers[" + i + "].upTo: must be greater than "
            + previous.toPlainString() + ", got " + tier.upTo().get().toPlainString());
      }
      previous = tier.upTo().orElse(previous);
    }
    return copy;
  }

  private static BigDecimal average(BigDecimal amount, BigDecimal quantity) {
    if (quantity.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    return amount.divide(quantity, Decimals.RATIO_SCALE, java.math.RoundingMode.HALF_UP);
  }
}
