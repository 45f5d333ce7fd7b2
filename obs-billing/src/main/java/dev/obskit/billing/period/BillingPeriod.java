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
 * 2026-03-01T00:00+01:00, so an event at 23:30 UTC on 28 February belongs to March. Immutable
 * value (equality on month and zone); start and end are computed once.
 */
public final class BillingPeriod {
  private final YearMonth month;
  private final ZoneId zone;
  private final Instant start;
  private final Instant end;

  /** Creates the period of {@code month} in {@code zone}. */
  public BillingPeriod(YearMonth month, ZoneId zone) {
    this.month = Objects.requireNonNull(month, "month");
    // "UTC", "Z" and "Etc/UTC" are one zone; normalising keeps equal periods equal.
    this.zone = Objects.requireNonNull(zone, "zone").normalized();
    this.start = month.atDay(1).atStartOfDay(this.zone).toInstant();
    this.end = month.plusMonths(1).atDay(1).atStartOfDay(this.zone).toInstant();
  }

  /** Returns the period that contains {@code instant} in {@code zone}. */
  public static BillingPeriod containing(Instant instant, ZoneId zone) {
    return new BillingPeriod(YearMonth.from(instant.atZone(zone)), zone);
  }

  /** Returns the period for {@code month} in UTC. */
  public static BillingPeriod utc(YearMonth month) {
    return new BillingPeriod(month, ZoneOffset.UTC);
  }

  /** Returns the calendar month. */
  public YearMonth month() {
    return month;
  }

  /** Returns the billing time zone. */
  public ZoneId zone() {
    return zone;
  }

  /** Returns the first instant of the period, inclusive. */
  public Instant start() {
    return start;
  }

  /** Returns the first instant after the period, exclusive. */
  public Instant end() {
    return end;
  }

  /** Returns the number of calendar days, 28 to 31. */
  public int days() {
    return month.lengthOfMonth();
  }

  /** Returns whether {@code instant} falls in the period. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
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
    Instant clippedFrom = from.isBefore(start) ? start : from;
    Instant clippedTo = to.isAfter(end) ? end : to;
    if (!clippedFrom.isBefore(clippedTo)) {
      return 0;
    }
    if (clippedFrom.equals(start) && clippedTo.equals(end)) {
      return days();
    }
    LocalDate first = localDate(clippedFrom);
    LocalDate last = clippedTo.equals(end) ? month.plusMonths(1).atDay(1) : localDate(clippedTo);
    return ChronoUnit.DAYS.between(first, last);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BillingPeriod p && month.equals(p.month) && zone.equals(p.zone);
  }

  @Override
  public int hashCode() {
    return 31 * month.hashCode() + zone.hashCode();
  }

  /** Returns e.g. {@code 2026-03 Europe/Berlin}. */
  @Override
  public String toString() {
    return month + " " + zone.getId();
  }
}
