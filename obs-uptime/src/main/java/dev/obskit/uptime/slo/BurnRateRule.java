package dev.obskit.uptime.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One row of a multiwindow, multi-burn-rate alert table (Google SRE Workbook ch. 5, table 5-8;
 * sloth's {@code google-30d.yaml}): the rule fires when the error ratio over both the long and
 * the short window is strictly greater than {@code burnRate × (1 - objective)} (the workbook's
 * expressions use {@code >}); exactly at the threshold does not fire, for every objective, since
 * the comparison is exact decimal arithmetic (see {@link #exceeded}). The burn rate follows from the share of the budget the
 * long window may consume: {@code burnRate = budgetConsumed × period / longWindow}, which for a
 * 30-day period gives the workbook's 14.4, 6 and 1. Immutable.
 *
 * @param longWindow the long window (1 h, 6 h, 3 d)
 * @param shortWindow the short window, about 1/12 of the long one (5 m, 30 m, 6 h)
 * @param budgetConsumed share of the period's budget the long window may burn (0.02, 0.05, 0.10)
 * @param severity page or ticket
 */
public record BurnRateRule(Duration longWindow, Duration shortWindow, double budgetConsumed,
    Severity severity) {
  /** How urgent a firing rule is. */
  public enum Severity {
    /** Wake someone up: CRITICAL alert. */
    PAGE,
    /** Handle in working hours: WARNING alert. */
    TICKET
  }

  /**
   * The workbook's four pairs for a 30-day period: 1 h/5 m at 2 % (14.4×) and 6 h/30 m at 5 %
   * (6×) page; 1 d/2 h at 10 % (3×) and 3 d/6 h at 10 % (1×) ticket.
   */
  public static final List<BurnRateRule> SRE_WORKBOOK = List.of(
      new BurnRateRule(Duration.ofHours(1), Duration.ofMinutes(5), 0.02, Severity.PAGE),
      new BurnRateRule(Duration.ofHours(6), Duration.ofMinutes(30), 0.05, Severity.PAGE),
      new BurnRateRule(Duration.ofDays(1), Duration.ofHours(2), 0.10, Severity.TICKET),
      new BurnRateRule(Duration.ofDays(3), Duration.ofHours(6), 0.10, Severity.TICKET));

  /** Validates the components. */
  public BurnRateRule {
    Objects.requireNonNull(longWindow, "longWindow");
    Objects.requireNonNull(shortWindow, "shortWindow");
    Objects.requireNonNull(severity, "severity");
    if (shortWindow.isNegative() || shortWindow.isZero() || shortWindow.compareTo(longWindow) >= 0) {
      throw new IllegalArgumentException("shortWindow " + shortWindow
          + " must be positive and shorter than longWindow " + longWindow);
    }
    if (longWindow.toMillis() % 60_000 != 0 || shortWindow.toMillis() % 60_000 != 0) {
      throw new IllegalArgumentException("windows must be whole minutes, got " + longWindow
          + " and " + shortWindow);
    }
    if (!(budgetConsumed > 0 && budgetConsumed <= 1)) {
      throw new IllegalArgumentException("budgetConsumed must be in (0, 1], got "
          + budgetConsumed);
    }
  }

  /** Returns the burn-rate threshold for an SLO period (for display; decisions use {@link #exceeded}). */
  public double burnRate(Duration period) {
    return budgetConsumed * period.toMillis() / longWindow.toMillis();
  }

  /**
   * Returns whether {@code bad / valid > burnRate(period) × (1 - objective)}, decided exactly:
   * {@code budgetConsumed} and {@code objective} are taken as the decimals they print as (0.02,
   * 0.999), and the comparison {@code bad × longWindow > budgetConsumed × period × (1 -
   * objective) × valid} is done in {@link BigDecimal} without rounding. No valid events never
   * fires.
   */
  public boolean exceeded(long bad, long valid, Duration period, double objective) {
    if (valid <= 0 || bad <= 0) {
      return false;
    }
    BigDecimal left = BigDecimal.valueOf(bad).multiply(BigDecimal.valueOf(longWindow.toMillis()));
    BigDecimal right = BigDecimal.valueOf(budgetConsumed)
        .multiply(BigDecimal.valueOf(period.toMillis()))
        .multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(objective)))
        .multiply(BigDecimal.valueOf(valid));
    return left.compareTo(right) > 0;
  }
}
