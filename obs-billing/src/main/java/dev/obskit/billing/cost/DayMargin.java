package dev.obskit.billing.cost;

import dev.obskit.billing.money.Money;
import java.time.LocalDate;

/**
 * Revenue, cost and margin of one day. Immutable.
 *
 * @param date the day
 * @param revenue revenue allocated to the day
 * @param cost the day's selected costs, rounded
 * @param margin revenue minus cost
 */
public record DayMargin(LocalDate date, Money revenue, Money cost, Money margin) {}
