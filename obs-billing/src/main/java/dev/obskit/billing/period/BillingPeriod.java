package dev.obskit.billing.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A calendar month in a team's billing time zone: usage is bucketed, quotas reset and invoices are
 * issued per period. A team billed in {@code Europe/Berlin} has its March period start at
 * 2026-03-01T00:00+01:00, so an event at 23:30 UTC on 28 February belongs to March. Immutable.
 *
 * @param month the calendar month
 * @param zone the team's billing time zone
 */
public record BillingPeriod(YearMonth month, ZoneId zone) {
  /** Validates the components. */
  public BillingPeriod {
    Objects.requireNonNull(month, "month");
    // "UTC", "Z" and "Etc/UTC" are one zone; normalising keeps equal periods equal.
    zone = Objects.requireNonNull(zone, "zone").normalized();
  }

  /** Returns the period that contains {@code instant} in {@code zone}. */
  public static BillingPeriod containing(Instant instant, ZoneId zone) {
    return new BillingPeriod(YearMonth.from(instant.atZone(zone)), zone);
  }

  /** Returns the period for {@code month} in UTC. */
  public static BillingPeriod utc(YearMonth month) {
    return new BillingPeriod(month, ZoneOffset.UTC);
  }

  /** Returns the first instant of the period, inclusive. */
  public Instant start() {
    return month.atDay(1).atStartOfDay(zone).toInstant();
  }

  /** Returns the first instant after the period, exclusive. */
  public Instant end() {
    return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
  }

  /** Returns the number of calendar days, 28 to 31. */
  public int days() {
    return month.lengthOfMonth();
  }

  /** Returns whether {@code instant} falls in the period. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start()) && instant.isBefore(end());
  }

  /** Returns the next period in the same zone. */
  public BillingPeriod next() {
    return new BillingPeriod(month.plusMonths(1), zone);
  }

  /** Returns the local date of {@code instant} in the billing zone. */
  public LocalDate localDate(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  /**
   * Returns the whole calendar days of {@code [from, to)} inside the period, by local date: a
   * change at any time on day D counts from day D. 0 when the interval misses the period.
   */
  public long daysBetween(Instant from, Instant to) {
    Instant clippedFrom = from.isBefore(start()) ? start() : from;
    Instant clippedTo = to.isAfter(end()) ? end() : to;
    if (!clippedFrom.isBefore(clippedTo)) {
      return 0;
    }
    LocalDate first = localDate(clippedFrom);
    LocalDate last = clippedTo.equals(end()) ? month.plusMonths(1).atDay(1) : localDate(clippedTo);
    return ChronoUnit.DAYS.between(first, last);
  }

  /** Returns e.g. {@code 2026-03 Europe/Berlin}. */
  @Override
  public String toString() {
    return month + " " + zone.getId();
  }
}
