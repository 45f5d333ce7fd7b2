package dev.obskit.billing.pricebook;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One priced item of a {@link PriceBook}. Immutable; built by the {@link PriceBookParser} (or a
 * host, through the canonical constructor, for books built in code).
 *
 * @param code unique within the book, e.g. {@code logs} or {@code status-page-sso}
 * @param kind where the quantity comes from
 * @param description printed on invoice lines
 * @param unit the billing unit printed on invoice lines ({@code GB}, {@code monitor}, ...)
 * @param pricing the price, used for every region that has no entry in {@code regionPricing}
 * @param regionPricing per-region prices (log and trace ingest); empty when not regional
 * @param meter for {@link ItemKind#USAGE}: the meter whose aggregated value is the quantity; empty
 *     otherwise
 * @param unitSize base units (bytes, data points) per billing unit; 1 when the meter already
 *     counts billing units. {@code 1000000000} turns bytes into decimal GB.
 * @param included billing units included when no bundle covers this item (the free tier), also
 *     the allowance of items no bundle mentions (100,000 free error events)
 * @param includes for {@link ItemKind#BUNDLE}: billing units of usage items included, by item
 *     code (replacing the item's own {@code included}); for {@link ItemKind#ADD_ON}: billing units
 *     included per unit bought, added to the allowance (1,000 subscribers per extra status page)
 * @param limits for plans and add-ons: quota limits granted per unit bought, by meter name, in the
 *     meter's base units
 * @param termDays for add-ons sold in terms (hosting add-ons expire 30 days after purchase): the
 *     term length; 0 for items billed per calendar period
 * @param status how well the price is sourced
 * @param sourceUrl where the price comes from; may be empty
 * @param maxQuantity sanity limit on the quantity a subscription may hold of a plan, bundle or
 *     add-on (refused above it)
 * @param maxAmount sanity limit on one invoice line of this item, in the book's currency (the
 *     quote fails naming the item above it)
 * @param requiresBundle for {@link ItemKind#USAGE}: billed only under a bundle; with no bundle in
 *     force at the period's end there is neither an allowance nor an overage line (telemetry)
 */
public record PriceItem(String code, ItemKind kind, String description, String unit,
    Optional<PricingModel> pricing, Map<Region, PricingModel> regionPricing, String meter,
    BigDecimal unitSize, BigDecimal included, Map<String, BigDecimal> includes,
    Map<String, Long> limits, int termDays, PriceStatus status, String sourceUrl,
    BigDecimal maxQuantity, BigDecimal maxAmount, boolean requiresBundle) {
  /** Default {@link #maxQuantity()}: 10,000 units of one plan, bundle or add-on. */
  public static final BigDecimal DEFAULT_MAX_QUANTITY = new BigDecimal("10000");
  /** Default {@link #maxAmount()}: 1,000,000 of the book's currency on one line. */
  public static final BigDecimal DEFAULT_MAX_AMOUNT = new BigDecimal("1000000");

  /** Creates an item with the default sanity limits. */
  public PriceItem(String code, ItemKind kind, String description, String unit,
      Optional<PricingModel> pricing, Map<Region, PricingModel> regionPricing, String meter,
      BigDecimal unitSize, BigDecimal included, Map<String, BigDecimal> includes,
      Map<String, Long> limits, int termDays, PriceStatus status, String sourceUrl) {
    this(code, kind, description, unit, pricing, regionPricing, meter, unitSize, included, includes,
        limits, termDays, status, sourceUrl, DEFAULT_MAX_QUANTITY, DEFAULT_MAX_AMOUNT, false);
  }

  /** Validates the components and copies the maps. */
  public PriceItem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(pricing, "pricing");
    regionPricing = Map.copyOf(Objects.requireNonNull(regionPricing, "regionPricing"));
    Objects.requireNonNull(meter, "meter");
    // Stripped once here so the calculator's power-of-ten check is one comparison per line.
    unitSize = Objects.requireNonNull(unitSize, "unitSize").stripTrailingZeros();
    Objects.requireNonNull(included, "included");
    includes = Map.copyOf(Objects.requireNonNull(includes, "includes"));
    limits = Map.copyOf(Objects.requireNonNull(limits, "limits"));
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(sourceUrl, "sourceUrl");
    if (pricing.isEmpty() && regionPricing.isEmpty()) {
      throw new IllegalArgumentException("item " + code + " has neither pricing nor regionPricing");
    }
    if (kind == ItemKind.USAGE && meter.isEmpty()) {
      throw new IllegalArgumentException("usage item " + code + " needs a meter");
    }
    if (Objects.requireNonNull(maxQuantity, "maxQuantity").signum() <= 0
        || Objects.requireNonNull(maxAmount, "maxAmount").signum() <= 0) {
      throw new IllegalArgumentException("item " + code + ": maxQuantity and maxAmount must be > 0");
    }
  }

  /**
   * Returns the price for {@code region}: its regional price if the item has one, else the default
   * price. Throws naming the item and the region when neither exists.
   */
  public PricingModel pricingFor(Region region) {
    PricingModel regional = regionPricing.get(region);
    if (regional != null) {
      return regional;
    }
    return pricing.orElseThrow(() -> new IllegalArgumentException("item " + code
        + " has no price for region " + region + " (regions priced: " + regionPricing.keySet()
        + ")"));
  }

  /** Returns whether the price depends on the region. */
  public boolean isRegional() {
    return !regionPricing.isEmpty();
  }
}
