package dev.obskit.uptime.slo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One row of a multiwindow, multi-burn-rate alert table (Google SRE Workbook ch. 5, table 5-8):
 * the rule fires when the error ratio over both the long and the short window exceeds
 * {@code burnRate × (1 - objective)}. The burn rate follows from the share of the budget the
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

  /** The workbook's table: 1 h/5 m at 2 % (14.4×) and 6 h/30 m at 5 % (6×) page; 3 d/6 h at 10 % (1×) ticket. */
  public static final List<BurnRateRule> SRE_WORKBOOK = List.of(
      new BurnRateRule(Duration.ofHours(1), Duration.ofMinutes(5), 0.02, Severity.PAGE),
      new BurnRateRule(Duration.ofHours(6), Duration.ofMinutes(30), 0.05, Severity.PAGE),
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
    if (!(budgetConsumed > 0 && budgetConsumed <= 1)) {
      throw new IllegalArgumentException("budgetConsumed must be in (0, 1], got "
          + budgetConsumed);
    }
  }

  /** Returns the burn-rate threshold for an SLO period. */
  public double burnRate(Duration period) {
    return budgetConsumed * period.toMillis() / longWindow.toMillis();
  }
}
