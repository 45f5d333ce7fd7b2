package dev.obskit.billing.cost;

import dev.obskit.billing.money.Money;
import dev.obskit.billing.pricing.Invoice;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes margin = revenue - cost per day and per month.
 *
 * <p>Revenue is the sum of the month's invoice totals, spread evenly over its days in whole minor
 * units: each day gets {@code floor(total / days)} and the first {@code total mod days} days one
 * unit more, so the days add up to the month exactly. Costs: for each provider, account, service,
 * sku, day and category, the best source wins (API over MANUAL over ESTIMATE, FOCUS practice);
 * ADJUSTMENT records always add on top. Records in another currency are listed as excluded, never
 * converted. Stateless and thread-safe.
 */
public final class MarginCalculator {
  private MarginCalculator() {}

  /** Returns the margin report of {@code month} in {@code currency}. */
  public static MarginReport monthly(YearMonth month, Currency currency, List<Invoice> invoices,
      List<CostRecord> costs) {
    return monthly(month, currency, invoices, Money.zero(currency), costs);
  }

  /**
   * Returns the margin report of {@code month} in {@code currency}, counting {@code
   * externalRevenue} (revenue billed outside ObsKit's invoices, such as Stripe's monthly recurring
   * revenue from {@code StripeRevenue}) on top of the invoices, spread over the days like them.
   */
  public static MarginReport monthly(YearMonth month, Currency currency, List<Invoice> invoices,
      Money externalRevenue, List<CostRecord> costs) {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(currency, "currency");
    Money revenue = Objects.requireNonNull(externalRevenue, "externalRevenue").rounded();
    if (!revenue.currency().equals(currency)) {
      throw new IllegalArgumentException("external revenue " + externalRevenue + " is not in "
          + currency.getCurrencyCode());
    }
    for (Invoice invoice : invoices) {
      if (invoice.period().month().equals(month)) {
        revenue = revenue.plus(invoice.total());
      }
    }
    List<CostRecord> excluded = new ArrayList<>();
    Map<String, CostSource> winners = new TreeMap<>();
    Map<LocalDate, Money> costByDay = selectCosts(month, currency, costs, excluded, winners);
    List<Money> revenueByDay = spread(revenue, month.lengthOfMonth());
    List<DayMargin> days = new ArrayList<>();
    Money totalCost = Money.zero(currency);
    for (int d = 1; d <= month.lengthOfMonth(); d++) {
      LocalDate date = month.atDay(d);
      Money cost = costByDay.getOrDefault(date, Money.zero(currency)).rounded();
      Money dayRevenue = revenueByDay.get(d - 1);
      days.add(new DayMargin(date, dayRevenue, cost, dayRevenue.minus(cost)));
      totalCost = totalCost.plus(cost);
    }
    return new MarginReport(month, days, revenue, totalCost, revenue.minus(totalCost), winners,
        excluded);
  }

  private static Map<LocalDate, Money> selectCosts(YearMonth month, Currency currency,
      List<CostRecord> costs, List<CostRecord> excluded, Map<String, CostSource> winners) {
    Map<String, CostRecord> best = new HashMap<>();
    Map<LocalDate, Money> byDay = new HashMap<>();
    for (CostRecord record : costs) {
      if (!YearMonth.from(record.date()).equals(month)) {
        continue;
      }
      if (!record.amount().currency().equals(currency)) {
        excluded.add(record);
        continue;
      }
      if (record.category() == ChargeCategory.ADJUSTMENT) {
        byDay.merge(record.date(), record.amount(), Money::plus);
        continue;
      }
      String slot = record.provider() + "/" + record.accountId() + "/" + record.service() + "/"
          + record.sku() + "/" + record.date() + "/" + record.category();
      best.merge(slot, record, (a, b) -> b.source().ordinal() < a.source().ordinal() ? b : a);
    }
    best.values().forEach(record -> {
      byDay.merge(record.date(), record.amount(), Money::plus);
      winners.merge(record.provider() + "/" + record.accountId() + "/" + record.service() + "/"
          + record.category(), record.source(), (a, b) -> b.ordinal() < a.ordinal() ? b : a);
    });
    return byDay;
  }

  /** Splits {@code total} into {@code days} parts in minor units that add up exactly. */
  static List<Money> spread(Money total, int days) {
    Currency currency = total.currency();
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    BigInteger minor = total.rounded().amount().movePointRight(digits).toBigIntegerExact();
    BigInteger[] split = minor.divideAndRemainder(BigInteger.valueOf(days));
    List<Money> parts = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      BigInteger units = split[0].add(BigInteger.valueOf(d) .compareTo(split[1]) < 0
          ? BigInteger.ONE : BigInteger.ZERO);
      parts.add(Money.of(new BigDecimal(units, digits), currency));
    }
    return parts;
  }
}
