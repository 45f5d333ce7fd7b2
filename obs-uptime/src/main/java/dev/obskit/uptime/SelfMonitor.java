package dev.obskit.uptime;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.uptime.check.SkipCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * ObsKit watching itself: counts checks that could not run per cause, keeps the scheduler's
 * recoveries, computes {@link UptimeHealth}, and raises one self-monitoring alert (dedup key
 * {@value #ALERT_KEY}, to the operator team) while some monitor has seen only UNKNOWN results for
 * longer than the configured limit; it never touches the monitors' own alerts. Thread-safe.
 */
final class SelfMonitor {
  /** Dedup key of the self-monitoring alert. */
  static final String ALERT_KEY = "obskit:uptime:checks-not-running";
  /** Shortest interval between two scans for starved monitors. */
  static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(10);

  private final UptimeConfig config;
  private final AlertManager alerts;
  private final AtomicLongArray counts = new AtomicLongArray(SkipCause.values().length);
  private final Instant[] lastAt = new Instant[SkipCause.values().length];
  private final Map<String, Problem> problems = new ConcurrentHashMap<>();
  private boolean alertOpen;
  private Instant lastEvaluation = Instant.MIN;

  SelfMonitor(UptimeConfig config, AlertManager alerts) {
    this.config = config;
    this.alerts = alerts;
  }

  /** Counts one check that could not run. */
  void unknown(SkipCause cause, Instant at) {
    counts.incrementAndGet(cause.ordinal());
    synchronized (lastAt) {
      Instant prev = lastAt[cause.ordinal()];
      if (prev == null || at.isAfter(prev)) {
        lastAt[cause.ordinal()] = at;
      }
    }
  }

  /** Records a recovery of the module's own machinery (kept for the health window). */
  void problem(String kind, String reason, Instant at) {
    problems.merge(kind, new Problem(reason, at, 1),
        (old, now) -> new Problem(reason, at, old.count() + 1));
  }

  UptimeHealth health(Instant now) {
    Instant since = now.minus(config.healthWindow());
    List<String> reasons = new ArrayList<>();
    Map<SkipCause, Long> byCause = new EnumMap<>(SkipCause.class);
    synchronized (lastAt) {
      for (SkipCause c : SkipCause.values()) {
        long n = counts.get(c.ordinal());
        if (n > 0) {
          byCause.put(c, n);
        }
        Instant last = lastAt[c.ordinal()];
        if (last != null && !last.isBefore(since)) {
          reasons.add(c.description() + ": " + n + " check(s) could not run, the latest at "
              + last);
        }
      }
    }
    problems.forEach((kind, p) -> {
      if (!p.at().isBefore(since)) {
        reasons.add(p.reason() + " (" + p.count() + " time(s), the latest at " + p.at() + ")");
      }
    });
    return new UptimeHealth(reasons.isEmpty() ? UptimeHealth.Status.HEALTHY
        : UptimeHealth.Status.DEGRADED, now, reasons, byCause);
  }

  /**
   * Raises the self-monitoring alert while a monitor has seen only UNKNOWN results for the
   * configured limit, and resolves it once none has.
   */
  void evaluate(Instant now, Collection<MonitorRuntime> runtimes) {
    synchronized (this) {
      if (now.isBefore(lastEvaluation.plus(EVALUATION_INTERVAL))) {
        return; // a scan of every monitor, at most every 10 s of module time
      }
      lastEvaluation = now;
    }
    Duration limit = config.unknownAlertAfter();
    List<MonitorRuntime> starved = new ArrayList<>();
    for (MonitorRuntime rt : runtimes) {
      Optional<Instant> since = rt.unknownSince();
      if (since.isPresent() && !now.isBefore(since.get().plus(limit))) {
        starved.add(rt);
      }
    }
    synchronized (this) {
      if (!starved.isEmpty() && !alertOpen) {
        alertOpen = true;
        alerts.trigger(alert(starved, limit));
      } else if (starved.isEmpty() && alertOpen) {
        alertOpen = false;
        alerts.resolve(config.operatorTeam(), ALERT_KEY,
            "obs-uptime: every monitor's checks run again");
      }
    }
  }

  private Alert alert(List<MonitorRuntime> starved, Duration limit) {
    MonitorRuntime first = starved.get(0);
    String cause = first.lastResult().map(r -> r.failureCause()).orElse("unknown");
    return Alert.builder(config.operatorTeam(), ALERT_KEY)
        .setSource("obs-uptime/self")
        .setSeverity(AlertSeverity.WARNING)
        .setComponent("ObsKit uptime")
        .setSummary("ObsKit could not run the checks of " + starved.size() + " monitor(s) for "
            + limit.toMinutes() + " min or more (" + cause + "); their targets' state is"
            + " unknown, not down")
        .putDetail("monitors", Integer.toString(starved.size()))
        .putDetail("example", first.monitor().id().value())
        .putDetail("cause", cause)
        .build();
  }

  private record Problem(String reason, Instant at, long count) {}
}
