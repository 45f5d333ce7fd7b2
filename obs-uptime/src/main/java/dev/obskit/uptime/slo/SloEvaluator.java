package dev.obskit.uptime.slo;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.availability.SliCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Evaluates SLOs against the availability store and raises or resolves their burn-rate alerts:
 * dedup key {@code uptime:slo:<id>:page} (CRITICAL) while any PAGE rule fires, {@code
 * uptime:slo:<id>:ticket} (WARNING) while any TICKET rule fires; each is triggered once when
 * its rules start firing (not re-triggered on every evaluation) and resolved once they stop. Burn rate = error ratio over the window / (1 - objective); a rule fires when both
 * its windows exceed its threshold. Windows end at the evaluation instant and, as every store
 * query, are rounded to bucket starts. Thread-safe; evaluation is pure reads plus alert calls.
 */
public final class SloEvaluator {
  private final Clock clock;
  private final AvailabilityStore store;
  private final AlertManager alerts;

  /** Creates an evaluator. */
  public SloEvaluator(Clock clock, AvailabilityStore store, AlertManager alerts) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = Objects.requireNonNull(store, "store");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
  }

  /** Returns the SLO's status now, without touching alerts. */
  public SloStatus status(Slo slo) {
    Instant now = clock.instant();
    long threshold = slo.kind() == Slo.Kind.LATENCY ? slo.latencyThreshold().toMillis() : -1;
    SliCounts period = store.sli(slo.monitors(), now.minus(slo.period()), now, threshold);
    double budget = slo.kind() == Slo.Kind.AVAILABILITY
        ? slo.budgetRatio() * slo.period().toMillis() * slo.monitors().size()
        : slo.budgetRatio() * period.total();
    List<SloStatus.RuleStatus> rules = new ArrayList<>();
    for (BurnRateRule rule : slo.rules()) {
      double limit = rule.burnRate(slo.period());
      double longBurn = burn(slo, now, rule.longWindow(), threshold);
      double shortBurn = burn(slo, now, rule.shortWindow(), threshold);
      rules.add(new SloStatus.RuleStatus(rule, limit, longBurn, shortBurn,
          longBurn >= limit && shortBurn >= limit && longBurn > 0));
    }
    return new SloStatus(slo.id(), now, budget, period.total() - period.good(), rules);
  }

  /** Evaluates the SLO and triggers or resolves its page and ticket alerts. */
  public SloStatus evaluate(Slo slo) {
    SloStatus status = status(slo);
    apply(slo, status, BurnRateRule.Severity.PAGE, status.paging());
    apply(slo, status, BurnRateRule.Severity.TICKET, status.ticketing());
    return status;
  }

  /** Returns the dedup key of an SLO's alert of {@code severity}. */
  public static String dedupKey(Slo slo, BurnRateRule.Severity severity) {
    return "uptime:slo:" + slo.id() + ":" + severity.name().toLowerCase(Locale.ROOT);
  }

  private double burn(Slo slo, Instant now, Duration window, long threshold) {
    SliCounts c = store.sli(slo.monitors(), now.minus(window), now, threshold);
    return c.errorRatio() / slo.budgetRatio();
  }

  private void apply(Slo slo, SloStatus status, BurnRateRule.Severity severity, boolean firing) {
    String key = dedupKey(slo, severity);
    boolean open = alerts.findOpen(slo.teamId(), key).isPresent();
    if (firing && !open) {
      SloStatus.RuleStatus worst = status.rules().stream()
          .filter(r -> r.firing() && r.rule().severity() == severity)
          .max((a, b) -> Double.compare(a.longBurn(), b.longBurn())).orElseThrow();
      alerts.trigger(Alert.builder(slo.teamId(), key)
          .setSource("obs-uptime/slo/" + slo.id())
          .setSeverity(severity == BurnRateRule.Severity.PAGE ? AlertSeverity.CRITICAL
              : AlertSeverity.WARNING)
          .setSummary(String.format(Locale.ROOT,
              "SLO %s burning error budget at %.1fx over %s (threshold %.1fx); %.1f%% of budget"
                  + " left", slo.id(), worst.longBurn(), worst.rule().longWindow(),
              worst.threshold(), 100 * status.remainingFraction()))
          .putDetail("objective", Double.toString(slo.objective()))
          .putDetail("longWindow", worst.rule().longWindow().toString())
          .putDetail("shortWindow", worst.rule().shortWindow().toString())
          .putDetail("shortBurn", String.format(Locale.ROOT, "%.2f", worst.shortBurn()))
          .build());
    } else if (!firing && open) {
      alerts.resolve(slo.teamId(), key, "obs-uptime: burn rate back under threshold");
    }
  }
}
