package dev.obskit.uptime;

import dev.obskit.core.ObsContext;
import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.SkipCause;
import dev.obskit.uptime.maintenance.MaintenanceWindow;
import dev.obskit.uptime.state.MonitorState;
import dev.obskit.uptime.state.MonitorStateMachine;
import dev.obskit.uptime.state.SecondOpinion;
import dev.obskit.uptime.state.StateTransition;
import dev.obskit.uptime.state.Step;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitor's live state: its current definition, state machine, last result and expiry
 * watchers. Applies each result: state machine, availability booking, transitions on the event
 * bus, and the alert contract (trigger on confirmed DOWN, resolve on confirmed recovery, dedup key
 * {@code uptime:monitor:<id>}). Thread-safe.
 */
final class MonitorRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorRuntime.class);

  private final AtomicReference<Monitor> monitor;
  private final MonitorStateMachine machine;
  private final AtomicReference<CheckResult> last = new AtomicReference<>();
  private final AtomicLongArray unknown = new AtomicLongArray(SkipCause.values().length);
  private volatile Instant unknownSince;
  private final ExpiryWatcher certificate = new ExpiryWatcher("TLS certificate",
      "uptime:tls-expiry:");
  private final ExpiryWatcher domain = new ExpiryWatcher("Domain registration",
      "uptime:domain-expiry:");

  MonitorRuntime(Monitor monitor) {
    this.monitor = new AtomicReference<>(monitor);
    this.machine = new MonitorStateMachine(monitor.id());
  }

  static String dedupKey(Monitor m) {
    return "uptime:monitor:" + m.id().value();
  }

  Monitor monitor() {
    return monitor.get();
  }

  void redefine(Monitor m) {
    monitor.set(m);
  }

  MonitorStateMachine machine() {
    return machine;
  }

  Optional<CheckResult> lastResult() {
    return Optional.ofNullable(last.get());
  }

  /** Returns how many checks of this monitor could not run, per cause (causes seen only). */
  Map<SkipCause, Long> unknownCounts() {
    Map<SkipCause, Long> counts = new EnumMap<>(SkipCause.class);
    for (SkipCause c : SkipCause.values()) {
      long n = unknown.get(c.ordinal());
      if (n > 0) {
        counts.put(c, n);
      }
    }
    return counts;
  }

  /** Returns since when every result has been UNKNOWN, if the last one was. */
  Optional<Instant> unknownSince() {
    return Optional.ofNullable(unknownSince);
  }

  /**
   * Applies one result. An UNKNOWN result (the check could not run) is only counted: the state
   * machine, availability and SLIs never see it.
   */
  void apply(CheckResult result, ObsContext ctx, AvailabilityStore store,
      List<MaintenanceWindow> global, SecondOpinion secondOpinion) {
    Monitor m = monitor.get();
    Instant at = result.startedAt();
    last.set(result);
    if (result.isUnknown()) {
      unknown.incrementAndGet(result.skipCause().orElseThrow().ordinal());
      if (unknownSince == null) {
        unknownSince = at;
      }
      return;
    }
    unknownSince = null;
    boolean maintenance = inMaintenance(at, global);
    Step step = machine.observe(m, result, at, maintenance, secondOpinion);
    store.recordCheck(m.id(), result);
    store.apply(m.id(), step);
    for (StateTransition t : step.transitions()) {
      if (t.from() == MonitorState.PENDING && t.to() == MonitorState.UP) {
        LOG.debug("monitor {}", t); // first successful check: routine, not news
      } else {
        LOG.info("monitor {}", t);
      }
      ctx.eventBus().publish(t);
    }
    if (step.trigger()) {
      ctx.alerts().trigger(downAlert(m, result));
    }
    if (step.resolve()) {
      ctx.alerts().resolve(m.teamId(), dedupKey(m), "obs-uptime: recovered");
    }
    if (!maintenance) {
      result.certificateNotAfter().ifPresent(
          na -> certificate.observe(m, m.certificateExpiry(), na, at, ctx.alerts()));
      result.domainExpiresAt().ifPresent(
          ex -> domain.observe(m, m.domainExpiry(), ex, at, ctx.alerts()));
    }
  }

  /** Returns whether {@code at} lies in this monitor's or a global maintenance window. */
  boolean inMaintenance(Instant at, List<MaintenanceWindow> global) {
    return monitor.get().inMaintenance(at) || global.stream().anyMatch(w -> w.covers(at));
  }

  /** The DOWN alert re-raised after a restart restored a confirmed outage. */
  Alert downAlertAfterRestart(String lastCause) {
    Monitor m = monitor.get();
    String cause = lastCause.isEmpty() ? "down before restart" : lastCause;
    return Alert.builder(m.teamId(), dedupKey(m))
        .setSource("obs-uptime/" + m.id())
        .setSeverity(AlertSeverity.CRITICAL)
        .setComponent(m.name())
        .setSummary(m.name() + " is down: " + cause)
        .putDetail("monitor", m.id().value())
        .putDetail("kind", m.kind().name())
        .putDetail("target", m.spec().toString())
        .putDetail("cause", cause)
        .putDetail("restored", "true")
        .build();
  }

  private static Alert downAlert(Monitor m, CheckResult r) {
    Alert.Builder b = Alert.builder(m.teamId(), dedupKey(m))
        .setSource("obs-uptime/" + m.id())
        .setSeverity(AlertSeverity.CRITICAL)
        .setComponent(m.name())
        .setSummary(m.name() + " is down: " + r.failureCause())
        .putDetail("monitor", m.id().value())
        .putDetail("kind", m.kind().name())
        .putDetail("target", m.spec().toString())
        .putDetail("cause", r.failureCause());
    if (r.statusCode() > 0) {
      b.putDetail("statusCode", Integer.toString(r.statusCode()));
    }
    r.details().forEach(b::putDetail);
    return b.build();
  }
}
