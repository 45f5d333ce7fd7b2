package dev.obskit.uptime.slo;

import java.time.Instant;
import java.util.List;

/**
 * The state of one SLO at one instant. Immutable.
 *
 * @param sloId the SLO
 * @param at when it was evaluated
 * @param budgetEvents the period's error budget in checks: {@code (1 - objective) × valid
 *     checks} over the period (valid: every result but UNKNOWN and maintenance), e.g. 99.9 % of
 *     86,400 checks (one monitor every 30 s for 30 days) is 86.4 failed checks
 * @param consumedEvents bad checks (failed, or slow for latency SLOs) in the period so far
 * @param rules per-rule burn rates and whether each fires
 */
public record SloStatus(String sloId, Instant at, double budgetEvents, long consumedEvents,
    List<RuleStatus> rules) {
  /** Copies the list. */
  public SloStatus {
    rules = List.copyOf(rules);
  }

  /** Returns the budget left (negative when overspent). */
  public double remainingEvents() {
    return budgetEvents - consumedEvents;
  }

  /** Returns the share of the budget left: 1 untouched, 0 spent, negative overspent. */
  public double remainingFraction() {
    return budgetEvents == 0 ? 0 : remainingEvents() / budgetEvents;
  }

  /** Returns whether any PAGE rule fires. */
  public boolean paging() {
    return rules.stream().anyMatch(r -> r.firing()
        && r.rule().severity() == BurnRateRule.Severity.PAGE);
  }

  /** Returns whether any TICKET rule fires. */
  public boolean ticketing() {
    return rules.stream().anyMatch(r -> r.firing()
        && r.rule().severity() == BurnRateRule.Severity.TICKET);
  }

  /**
   * One rule's evaluation.
   *
   * @param rule the rule
   * @param threshold burn rate at which it fires
   * @param longBurn burn rate over the long window
   * @param shortBurn burn rate over the short window
   * @param firing whether both exceed the threshold
   */
  public record RuleStatus(BurnRateRule rule, double threshold, double longBurn,
      double shortBurn, boolean firing) {}
}
