package dev.obskit.billing.pricing;

import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.money.Decimals;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricebook.ItemKind;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBookRegistry;
import dev.obskit.billing.pricebook.PriceItem;
import dev.obskit.billing.pricebook.PricingModel;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionItem;
import dev.obskit.core.id.IdFormat;
import dev.obskit.core.store.Versioned;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices a subscription's period: {@link #quote} returns an itemised {@link Invoice}.
 *
 * <p>Rules (the module README has worked examples):
 * <ul>
 *   <li>Plans, bundles and untermed add-ons are charged per period, prorated by the calendar days
 *       (in the billing zone) each was active: a change on day D counts the old item up to D-1 and
 *       the new one from D. The factor is {@code days / daysInPeriod} at 9 decimals, half-up (Kill
 *       Bill's convention), 1 for a whole period.
 *   <li>Add-ons sold in terms (hosting add-ons, 30 days) are charged in full for each term that
 *       starts in the period (purchase and each renewal); they are not prorated.
 *   <li>Usage is never prorated. Each usage item's quantity is the meter's value divided by the
 *       item's unit size (bytes to decimal GB); the allowance is the bundle's (the bundle in force
 *       at the end of the period) or, with no bundle or when the bundle does not mention the item,
 *       the item's own free allowance, plus what the add-ons active at the period's end include
 *       per unit (1,000 subscribers per extra status page). Overage = max(0, quantity -
 *       included), priced at the subscription region's price. Items that require a bundle
 *       (telemetry) have no line at all without one: no allowance and no overage.
 *   <li>Every amount is computed unrounded and rounded once per line, half-up to the currency's
 *       minor unit; the total is the sum of the rounded lines.
 * </ul>
 * Stateless apart from the registry; thread-safe.
 */
public final class PricingCalculator {
  private static final int QUANTITY_SCALE = 12;

  private final PriceBookRegistry books;
  private final Clock clock;

  /** Creates a calculator that finds each subscription's book in {@code books}. */
  public PricingCalculator(PriceBookRegistry books, Clock clock) {
    this.books = Objects.requireNonNull(books, "books");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns the invoice of {@code subscription} for {@code period} given the period's usage.
   *
   * @throws IllegalStateException when a line is above its item's {@code maxAmount}
   */
  public Invoice quote(Subscription subscription, UsageRecord usage, BillingPeriod period) {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(period, "period");
    if (!usage.teamId().equals(subscription.teamId())) {
      throw new IllegalArgumentException("usage of team " + usage.teamId()
          + " cannot be priced on the subscription of team " + subscription.teamId());
    }
    PriceBook book = books.find(subscription.bookId(), subscription.bookVersion())
        .orElseThrow(() -> new IllegalStateException("price book " + subscription.bookId() + " v"
            + subscription.bookVersion() + " is not registered"));
    List<InvoiceLine> lines = new ArrayList<>();
    for (SubscriptionItem item : subscription.items()) {
      PriceItem priced = book.require(item.itemCode());
      if (item.termDays() == 0) {
        recurringLine(book, subscription, period, item, priced).ifPresent(lines::add);
      }
    }
    for (SubscriptionItem item : subscription.items()) {
      if (item.termDays() > 0) {
        termLines(book, subscription, period, item, book.require(item.itemCode()), lines);
      }
    }
    Allowances allowances = allowances(subscription, book, period);
    for (PriceItem item : book.items(ItemKind.USAGE)) {
      usageLine(book, subscription, usage, item, allowances).ifPresent(lines::add);
    }
    Money total = Money.zero(book.currency());
    for (InvoiceLine line : lines) {
      requireSane(subscription, book.require(line.itemCode()), line);
      total = total.plus(line.amount());
    }
    return new Invoice(invoiceId(subscription, period), subscription.teamId(),
        Versioned.INITIAL_VERSION, subscription.id(), book.id(), book.version(), period, lines,
        total, clock.instant());
  }

  private Optional<InvoiceLine> recurringLine(PriceBook book, Subscription subscription, BillingPeriod period,
      SubscriptionItem item, PriceItem priced) {
    Instant until = item.activeUntil().orElse(period.end());
    long days = period.daysBetween(item.startsAt(), until);
    if (days == 0) {
      return Optional.empty();
    }
    BigDecimal proration = days == period.days() ? BigDecimal.ONE : Decimals.ratio(days, period.days());
    BigDecimal quantity = BigDecimal.valueOf(item.quantity());
    PricingModel model = priced.pricingFor(subscription.region());
    BigDecimal unrounded = model.amount(quantity).multiply(proration);
    String description = priced.description() + (days == period.days() ? ""
        : " (" + days + " of " + period.days() + " days)");
    return Optional.of(new InvoiceLine(priced.code(), LineType.RECURRING, description,
        priced.unit(), quantity, BigDecimal.ZERO, quantity, model.unitPriceFor(quantity), proration,
        Money.of(unrounded, book.currency()).rounded()));
  }

  private void termLines(PriceBook book, Subscription subscription, BillingPeriod period, SubscriptionItem item,
      PriceItem priced, List<InvoiceLine> lines) {
    BigDecimal quantity = BigDecimal.valueOf(item.quantity());
    PricingModel model = priced.pricingFor(subscription.region());
    for (Instant start : item.termStartsBetween(period.start(), period.end())) {
      String description = priced.description() + " (" + item.termDays() + "-day term from "
          + period.localDate(start) + ")";
      lines.add(new InvoiceLine(priced.code(), LineType.TERM, description, priced.unit(), quantity,
          BigDecimal.ZERO, quantity, model.unitPriceFor(quantity), BigDecimal.ONE,
          Money.of(model.amount(quantity), book.currency()).rounded()));
    }
  }

  private Optional<InvoiceLine> usageLine(PriceBook book, Subscription subscription, UsageRecord usage,
      PriceItem item, Allowances allowances) {
    long raw = usage.value(item.meter());
    if (raw <= 0 || (item.requiresBundle() && !allowances.hasBundle())) {
      return Optional.empty();
    }
    BigDecimal quantity = toBillingUnits(raw, item.unitSize());
    BigDecimal included = allowances.of(item);
    BigDecimal overage = Decimals.nonNegative(quantity.subtract(included));
    PricingModel model = item.pricingFor(subscription.region());
    String description = item.description()
        + (item.isRegional() ? " (" + subscription.region() + ")" : "");
    return Optional.of(new InvoiceLine(item.code(), LineType.USAGE, description, item.unit(),
        quantity, included, overage, model.unitPriceFor(overage), BigDecimal.ONE,
        Money.of(model.amount(overage), book.currency()).rounded()));
  }

  /**
   * The allowances in force at the period's last moment: the bundle's (replacing an item's own
   * {@code included}) plus, for each active add-on, its {@code includes} times its quantity.
   */
  private record Allowances(boolean hasBundle, Map<String, BigDecimal> bundle,
      Map<String, BigDecimal> addOns) {
    BigDecimal of(PriceItem item) {
      return bundle.getOrDefault(item.code(), item.included())
          .add(addOns.getOrDefault(item.code(), BigDecimal.ZERO));
    }
  }

  private static Allowances allowances(Subscription subscription, PriceBook book,
      BillingPeriod period) {
    Instant lastMoment = period.end().minus(1, ChronoUnit.NANOS);
    Optional<SubscriptionItem> bundle = subscription.bundleAt(lastMoment);
    Map<String, BigDecimal> addOns = new HashMap<>();
    for (SubscriptionItem held : subscription.activeAt(lastMoment)) {
      if (held.kind() == ItemKind.ADD_ON) {
        BigDecimal units = BigDecimal.valueOf(held.quantity());
        book.require(held.itemCode()).includes().forEach((code, perUnit) ->
            addOns.merge(code, perUnit.multiply(units), BigDecimal::add));
      }
    }
    return new Allowances(bundle.isPresent(),
        bundle.map(b -> book.require(b.itemCode()).includes()).orElse(Map.of()), addOns);
  }

  static BigDecimal toBillingUnits(long raw, BigDecimal unitSize) {
    BigDecimal value = BigDecimal.valueOf(raw);
    BigDecimal size = unitSize.stripTrailingZeros();
    if (size.unscaledValue().equals(java.math.BigInteger.ONE)) {
      // A power of ten (1 GB = 10^9 bytes): shift the decimal point, exact and cheap.
      return Decimals.plain(value.movePointLeft(-size.scale()));
    }
    BigDecimal quantity;
    try {
      quantity = value.divide(unitSize);
    } catch (ArithmeticException nonTerminating) {
      quantity = value.divide(unitSize, QUANTITY_SCALE, RoundingMode.HALF_UP);
    }
    return Decimals.plain(quantity);
  }

  private static void requireSane(Subscription subscription, PriceItem item, InvoiceLine line) {
    if (line.amount().amount().compareTo(item.maxAmount()) > 0) {
      throw new IllegalStateException("line '" + item.code() + "' of team " + subscription.teamId()
          + " (quantity " + line.quantity().toPlainString() + " " + item.unit() + ") amounts to "
          + line.amount() + ", above the item's sanity limit " + item.maxAmount().toPlainString()
          + " (maxAmount); refused");
    }
  }

  /** Returns the id of the subscription's invoice for {@code period}. */
  public static InvoiceId invoiceId(Subscription subscription, BillingPeriod period) {
    String value = "inv-" + period.month() + "-" + subscription.id().value();
    if (!IdFormat.isValid(value)) {
      value = "inv-" + period.month() + "-" + Integer.toHexString(subscription.id().hashCode());
    }
    return InvoiceId.of(value);
  }
}
