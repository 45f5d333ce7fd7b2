package dev.obskit.uptime.slo;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.availability.Granularity;
import dev.obskit.uptime.check.CheckResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates SLOs and raises or resolves their burn-rate alerts: dedup key {@code
 * uptime:slo:<id>:page} (CRITICAL) while any PAGE rule fires, {@code uptime:slo:<id>:ticket}
 * (WARNING) while any TICKET rule fires; each is triggered once when its rules start firing and
 * resolved once they stop.
 *
 * <p>The SLI is counted over check results, as Google's and sloth's are: good checks / valid
 * checks, where valid means every result except UNKNOWN (the check could not run) and checks in
 * a maintenance window, and good means UP (availability) or UP within the threshold (latency).
 * So a service failing every other probe burns budget even though no failure is ever confirmed;
 * uptime % keeps counting confirmed downtime ({@link AvailabilityStore#summary}).
 *
 * <p>Windows are exact trailing windows at minute resolution: a window of W minutes sums the W
 * minutes ending with the current one, from a per-SLO ring of per-minute counts ({@link
 * SliRing}), so no partial hour is dropped at the old edge of the 1 d, 3 d or period windows. A
 * rule fires when both windows' error ratios are strictly greater than its burn rate × (1 −
 * objective), decided exactly ({@link BurnRateRule#exceeded}). An SLO registered when history
 * already exists (restart, late registration) is seeded from the availability store: minutes
 * for the last 24 h, hours (booked at their first minute) before that.
 *
 * <p>Thread-safe.
 */
public final class SloEvaluator {
  private final Clock clock;
  private final AvailabilityStore store;
  private final AlertManager alerts;
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  private volatile Map<MonitorId, List<Tracked>> byMonitor = Map.of();

  /** Creates an evaluator. */
  public SloEvaluator(Clock clock, AvailabilityStore store, AlertManager alerts) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = Objects.requireNonNull(store, "store");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
  }

  /**
   * Starts counting {@code slo}'s checks (replacing an SLO of the same id), seeded from the
   * availability store.
   */
  public void register(Slo slo) {
    Objects.requireNonNull(slo, "slo");
    tracked.put(slo.id(), new Tracked(slo, seeded(slo)));
    reindex();
  }

  /** Stops counting the SLO {@code id}. */
  public void unregister(String id) {
    if (tracked.remove(id) != null) {
      reindex();
    }
  }

  /**
   * Counts one check result of {@code monitor} into every registered SLO over it. UNKNOWN
   * results and results {@code inMaintenance} are not valid events and are ignored.
   */
  public void record(MonitorId monitor, CheckResult result, boolean inMaintenance) {
    if (result.isUnknown() || inMaintenance) {
      return;
    }
    List<Tracked> list = byMonitor.get(monitor);
    if (list == null) {
      return;
    }
    long at = result.startedAt().toEpochMilli();
    for (Tracked t : list) {
      t.ring.add(at, 1, good(t.slo, result) ? 1 : 0);
    }
  }

  /** Returns the SLO's status now, without touching alerts. */
  public SloStatus status(Slo slo) {
    Objects.requireNonNull(slo, "slo");
    Tracked t = tracked.get(slo.id());
    SliRing ring = t != null && t.slo.equals(slo) ? t.ring : seeded(slo);
    return status(slo, ring, clock.instant());
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

  private static SloStatus status(Slo slo, SliRing ring, Instant now) {
    long nowMillis = now.toEpochMilli();
    long[] period = ring.sum(nowMillis, minutes(slo.period()));
    double budget = BigDecimal.ONE.subtract(BigDecimal.valueOf(slo.objective()))
        .multiply(BigDecimal.valueOf(period[1])).doubleValue();
    List<SloStatus.RuleStatus> rules = new ArrayList<>();
    for (BurnRateRule rule : slo.rules()) {
      long[] lw = ring.sum(nowMillis, minutes(rule.longWindow()));
      long[] sw = ring.sum(nowMillis, minutes(rule.shortWindow()));
      boolean firing = rule.exceeded(lw[1] - lw[0], lw[1], slo.period(), slo.objective())
          && rule.exceeded(sw[1] - sw[0], sw[1], slo.period(), slo.objective());
      rules.add(new SloStatus.RuleStatus(rule, rule.burnRate(slo.period()), burn(slo, lw),
          burn(slo, sw), firing));
    }
    return new SloStatus(slo.id(), now, budget, period[1] - period[0], rules);
  }

  /** The burn rate for display, computed in decimal so 60 of 120 at 99.9 % reads 500.0. */
  private static double burn(Slo slo, long[] goodValid) {
    if (goodValid[1] == 0) {
      return 0.0;
    }
    BigDecimal budget = BigDecimal.ONE.subtract(BigDecimal.valueOf(slo.objective()));
    return BigDecimal.valueOf(goodValid[1] - goodValid[0])
        .divide(budget.multiply(BigDecimal.valueOf(goodValid[1])), MathContext.DECIMAL64)
        .doubleValue();
  }

  private static long minutes(Duration d) {
    return Math.max(1, d.toMinutes());
  }

  private static boolean good(Slo slo, CheckResult r) {
    return r.isUp() && (slo.kind() == Slo.Kind.AVAILABILITY
        || r.timings().totalMillis() <= slo.latencyThreshold().toMillis());
  }

  private static long span(Slo slo) {
    long span = minutes(slo.period());
    for (BurnRateRule r : slo.rules()) {
      span = Math.max(span, minutes(r.longWindow()));
    }
    return span;
  }

  /** A ring filled from the store's buckets: minutes for the last 24 h, hours before. */
  private SliRing seeded(Slo slo) {
    long span = span(slo);
    SliRing ring = new SliRing(span);
    long threshold = slo.kind() == Slo.Kind.LATENCY ? slo.latencyThreshold().toMillis() : -1;
    long minute = SliRing.MINUTE;
    long hour = Granularity.HOUR.size().toMillis();
    long nowMin = Math.floorDiv(clock.millis(), minute) * minute;
    long minuteFirst = nowMin - (Granularity.MINUTE.retention().toMinutes() - 1) * minute;
    long spanFirst = nowMin - (span - 1) * minute;
    for (MonitorId id : slo.monitors()) {
      for (long h = Math.floorDiv(spanFirst, hour) * hour; h < minuteFirst; h += hour) {
        long[] c = store.checkCounts(id, Granularity.HOUR, Instant.ofEpochMilli(h), threshold);
        for (long m = Math.max(h, minuteFirst); m < h + hour; m += minute) {
          long[] inMinutes = store.checkCounts(id, Granularity.MINUTE, Instant.ofEpochMilli(m),
              threshold); // the part of a straddling hour counted below, minute by minute
          c[0] -= inMinutes[0];
          c[1] -= inMinutes[1];
        }
        ring.add(Math.max(h, spanFirst), (int) Math.max(0, c[0]), (int) Math.max(0, c[1]));
      }
      for (long m = Math.max(minuteFirst, spanFirst); m <= nowMin; m += minute) {
        long[] c = store.checkCounts(id, Granularity.MINUTE, Instant.ofEpochMilli(m), threshold);
        ring.add(m, (int) c[0], (int) c[1]);
      }
    }
    return ring;
  }

  private void reindex() {
    Map<MonitorId, List<Tracked>> index = new HashMap<>();
    for (Tracked t : tracked.values()) {
      for (MonitorId id : t.slo.monitors()) {
        index.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
      }
    }
    index.replaceAll((k, v) -> List.copyOf(v));
    byMonitor = Map.copyOf(index);
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

  /** A registered SLO and its counts. */
  private record Tracked(Slo slo, SliRing ring) {}
}
