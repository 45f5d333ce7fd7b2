package dev.obskit.billing.quota;

import dev.obskit.billing.metering.MeteringService;
import dev.obskit.billing.metering.UsageListener;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.QuotaDecision;
import dev.obskit.core.usage.QuotaGate;
import dev.obskit.core.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quotas per team and meter: threshold alerts and the {@link QuotaGate} enforcement hook.
 *
 * <p>Alerts: a threshold is crossed when usage is {@code >= threshold x limit} (and usage is above
 * zero, so a quota of 0 fires only once something is used). Each threshold fires at most once per
 * team, meter and period; when one event crosses several, only the highest is raised (OpenMeter's
 * rule: 70 % to 120 % sends only 100 %). The latch is the hysteresis: a gauge oscillating around
 * 80 % fires once, not on every wobble, and nothing re-arms until the period rolls over, when the
 * previous period's quota alerts are resolved. Usage backfilled into an earlier period never
 * alerts. Alerts go through the core {@link AlertManager} with dedup key {@code
 * billing:quota:<meter>:<yyyy-MM>:<percent>}.
 *
 * <p>Gate: allows when {@code used + quantity <= limit}, unlimited when the team has no limit for
 * the meter; fails open (allows, logs) if anything goes wrong, because a billing fault must not
 * take the host's ingest down. Thread-safe; never blocks beyond a map lookup and a ledger read.
 */
public final class QuotaService implements QuotaGate, UsageListener {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaService.class);
  private static final Duration LIMIT_CACHE_TTL = Duration.ofMinutes(1);

  private final MeteringService metering;
  private final AlertManager alerts;
  private final Clock clock;
  private final QuotaPolicy policy;
  private final BiFunction<TeamId, Instant, Map<String, Long>> planLimits;
  private final ConcurrentHashMap<TeamId, Map<String, Long>> overrides = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TeamId, CachedLimits> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<LatchKey, Integer> notified = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TeamId, BillingPeriod> lastPeriod = new ConcurrentHashMap<>();
  private final List<OpenAlert> openAlerts = new CopyOnWriteArrayList<>();

  /**
   * Creates the service. {@code planLimits} returns a team's limits from its subscription at an
   * instant (plan plus active add-ons); explicit limits set here override them per meter.
   */
  public QuotaService(MeteringService metering, AlertManager alerts, Clock clock, QuotaPolicy policy,
      BiFunction<TeamId, Instant, Map<String, Long>> planLimits) {
    this.metering = Objects.requireNonNull(metering, "metering");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.planLimits = Objects.requireNonNull(planLimits, "planLimits");
  }

  /** Sets an explicit limit for the team's meter, overriding its plan; 0 allows nothing. */
  public void setLimit(TeamId teamId, String meter, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit + " for " + meter);
    }
    overrides.computeIfAbsent(teamId, t -> new ConcurrentHashMap<>()).put(meter, limit);
    invalidate(teamId);
  }

  /** Drops cached limits after a subscription change. */
  public void invalidate(TeamId teamId) {
    cache.remove(teamId);
  }

  /** Returns the team's limit for the meter now, or {@link Long#MAX_VALUE} when unlimited. */
  public long limit(TeamId teamId, String meter) {
    return limits(teamId).getOrDefault(meter, Long.MAX_VALUE);
  }

  @Override
  public QuotaDecision check(TeamId teamId, String meter, long quantity) {
    try {
      Long limit = limits(teamId).get(meter);
      if (limit == null) {
        return QuotaDecision.unlimited();
      }
      BillingPeriod period = metering.currentPeriod(teamId);
      long used = metering.ledger().value(teamId, period, meter);
      long after = used + Math.max(0, quantity);
      if (after >= used && after <= limit) {
        return new QuotaDecision(true, limit, used, Duration.ZERO, "");
      }
      Duration retry = Duration.between(clock.instant(), period.end());
      return new QuotaDecision(false, limit, used, retry, meter + " quota of " + limit
          + " for " + period.month() + " reached (" + used + " used)");
    } catch (RuntimeException e) {
      LOG.warn("quota check failed for team {} meter {}; allowing", teamId, meter, e);
      return QuotaDecision.unlimited();
    }
  }

  @Override
  public void onAccepted(UsageEvent event, BillingPeriod period, LongSupplier meterValue) {
    TeamId team = event.teamId();
    BillingPeriod current = metering.currentPeriod(team);
    if (!period.equals(current)) {
      return;
    }
    rollOver(team, current);
    Long limit = limits(team).get(event.meter());
    if (limit != null) {
      evaluate(team, event.meter(), period, meterValue.getAsLong(), limit);
    }
  }

  /**
   * Rolls every team seen so far over to its current period by the clock, resolving the previous
   * period's quota alerts even if the team reports nothing in the new period. The billing module
   * runs it periodically.
   */
  public void rollOverDue() {
    for (TeamId team : lastPeriod.keySet()) {
      rollOver(team, metering.currentPeriod(team));
    }
  }

  /** Resolves the alerts of periods before the team's current one; called on rollover. */
  public void rollOver(TeamId teamId, BillingPeriod current) {
    if (current.equals(lastPeriod.get(teamId))) {
      return;
    }
    BillingPeriod previous = lastPeriod.put(teamId, current);
    if (previous == null || previous.equals(current)) {
      return;
    }
    for (OpenAlert open : openAlerts) {
      if (open.teamId().equals(teamId) && !open.period().equals(current)) {
        alerts.resolve(teamId, open.dedupKey(), "obs-billing: period rolled over");
        openAlerts.remove(open);
      }
    }
    notified.keySet().removeIf(k -> k.teamId().equals(teamId) && !k.period().equals(current));
  }

  private void evaluate(TeamId team, String meter, BillingPeriod period, long value, long limit) {
    int highest = highestCrossed(value, limit);
    if (highest < 0) {
      return;
    }
    LatchKey key = new LatchKey(team, meter, period);
    int[] fire = {-1};
    notified.compute(key, (k, previous) -> {
      if (previous == null || highest > previous) {
        fire[0] = highest;
        return highest;
      }
      return previous;
    });
    if (fire[0] >= 0) {
      raise(team, meter, period, value, limit, fire[0]);
    }
  }

  private int highestCrossed(long value, long limit) {
    if (value <= 0) {
      return -1;
    }
    BigDecimal used = BigDecimal.valueOf(value);
    BigDecimal max = BigDecimal.valueOf(limit);
    int highest = -1;
    List<BigDecimal> thresholds = policy.thresholds();
    for (int i = 0; i < thresholds.size(); i++) {
      if (used.compareTo(thresholds.get(i).multiply(max)) >= 0) {
        highest = i;
      }
    }
    return highest;
  }

  private void raise(TeamId team, String meter, BillingPeriod period, long value, long limit,
      int index) {
    int percent = policy.percent(index);
    String dedupKey = "billing:quota:" + meter + ":" + period.month() + ":" + percent;
    AlertSeverity severity = percent >= 100 ? AlertSeverity.CRITICAL
        : index == policy.thresholds().size() - 2 ? AlertSeverity.ERROR : AlertSeverity.WARNING;
    Alert alert = Alert.builder(team, dedupKey)
        .setSource("obs-billing/quota")
        .setSeverity(severity)
        .setComponent(meter)
        .setSummary(meter + " at " + percent + "% of quota for " + period.month() + " (" + value
            + " of " + limit + ")")
        .putDetail("meter", meter)
        .putDetail("period", period.toString())
        .putDetail("threshold_percent", Integer.toString(percent))
        .putDetail("used", Long.toString(value))
        .putDetail("limit", Long.toString(limit))
        .build();
    alerts.trigger(alert);
    openAlerts.add(new OpenAlert(team, dedupKey, period));
  }

  private Map<String, Long> limits(TeamId teamId) {
    Instant now = clock.instant();
    CachedLimits cached = cache.get(teamId);
    if (cached != null && now.isBefore(cached.validUntil) && !now.isBefore(cached.computedAt)) {
      return cached.limits;
    }
    Map<String, Long> merged = new ConcurrentHashMap<>(planLimits.apply(teamId, now));
    merged.putAll(overrides.getOrDefault(teamId, Map.of()));
    cache.put(teamId, new CachedLimits(Map.copyOf(merged), now, now.plus(LIMIT_CACHE_TTL)));
    return merged;
  }

  private record LatchKey(TeamId teamId, String meter, BillingPeriod period) {}

  private record OpenAlert(TeamId teamId, String dedupKey, BillingPeriod period) {}

  private record CachedLimits(Map<String, Long> limits, Instant computedAt, Instant validUntil) {}
}
