package dev.obskit.billing.cost;

import dev.obskit.billing.money.Money;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Revenue minus costs for one month, per day and in total. Immutable.
 *
 * @param month the month
 * @param days one entry per calendar day
 * @param revenue the month's revenue: the sum of the invoices' totals
 * @param cost the month's selected costs
 * @param margin revenue minus cost
 * @param winningSources for each provider/account/service/category, which source was used
 * @param excluded records left out because their currency differs from the report's
 */
public record MarginReport(YearMonth month, List<DayMargin> days, Money revenue, Money cost,
    Money margin, Map<String, CostSource> winningSources, List<CostRecord> excluded) {
  /** Copies the collections. */
  public MarginReport {
    days = List.copyOf(days);
    winningSources = Map.copyOf(winningSources);
    excluded = List.copyOf(excluded);
  }
}
