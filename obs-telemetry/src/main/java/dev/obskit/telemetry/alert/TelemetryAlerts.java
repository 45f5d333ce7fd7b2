package dev.obskit.telemetry.alert;

import static java.util.Objects.requireNonNull;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.id.TeamId;
import dev.obskit.telemetry.TailFilter;
import dev.obskit.telemetry.TailLine;
import dev.obskit.telemetry.TailSubscription;
import dev.obskit.telemetry.Telemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates {@link TelemetryRule}s over a pipeline's logs (through its live tail) and metrics on
 * the kit's clock, and raises core alerts: a rule that starts firing triggers an alert with dedup
 * key {@code telemetry:<rule>} (so obs-incidents pages for it and repeated evaluations merge), and
 * one that stops firing resolves it. Call {@link #evaluate()} on a schedule (every few seconds);
 * it never throws. If the log queue overflows between evaluations, the subscription is renewed and
 * {@link #gaps()} counts it (windowed counts are then low for one window). Not thread-safe: one
 * evaluating thread.
 */
public final class TelemetryAlerts implements AutoCloseable {
  /** Log lines held between two evaluations. */
  public static final int QUEUE_CAPACITY = 100_000;
  private static final String SOURCE = "obs-telemetry";

  private final Telemetry telemetry;
  private final AlertManager alerts;
  private final TeamId team;
  private final Clock clock;
  private final List<TelemetryRule> rules;
  private final Set<String> firing = new HashSet<>();
  private TailSubscription logs;
  private long gaps;

  /** Creates the evaluator; subscribes to the pipeline's logs now. */
  public TelemetryAlerts(Telemetry telemetry, AlertManager alerts, TeamId team, Clock clock,
      List<TelemetryRule> rules) {
    this.telemetry = requireNonNull(telemetry, "telemetry");
    this.alerts = requireNonNull(alerts, "alerts");
    this.team = requireNonNull(team, "team");
    this.clock = requireNonNull(clock, "clock");
    this.rules = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (TelemetryRule r : this.rules) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("rule name '" + r.name() + "' is used twice");
      }
    }
    this.logs = telemetry.tail().subscribe(TailFilter.ALL, QUEUE_CAPACITY);
  }

  /** Returns the dedup key of {@code rule}'s alert. */
  public static String dedupKey(String rule) {
    return "telemetry:" + rule;
  }

  /** Feeds new log lines to the rules, evaluates each, and triggers or resolves alerts. */
  public void evaluate() {
    drainLogs();
    java.time.Instant now = clock.instant();
    for (TelemetryRule rule : rules) {
      String summary;
      try {
        summary = rule.evaluate(now);
      } catch (RuntimeException e) {
        summary = null;
      }
      try {
        transition(rule, summary);
      } catch (RuntimeException e) {
        // the alert manager failed; the next evaluation tries again
      }
    }
  }

  private void drainLogs() {
    List<TailLine> lines = new ArrayList<>(logs.drain(QUEUE_CAPACITY));
    for (TailLine line : lines) {
      for (TelemetryRule rule : rules) {
        rule.accept(line);
      }
    }
    if (!logs.isOpen()) {
      gaps++;
      logs = telemetry.tail().subscribe(TailFilter.ALL, QUEUE_CAPACITY);
    }
  }

  private void transition(TelemetryRule rule, String summary) {
    String key = dedupKey(rule.name());
    if (summary != null) {
      if (firing.add(rule.name())) {
        alerts.trigger(Alert.builder(team, key).setSource(SOURCE).setSeverity(rule.severity())
            .setSummary(summary).setComponent(telemetry.name()).build());
      }
    } else if (firing.remove(rule.name())) {
      alerts.resolve(team, key, SOURCE);
    }
  }

  /** Returns how many times the log queue overflowed between evaluations. */
  public long gaps() {
    return gaps;
  }

  @Override
  public void close() {
    logs.close();
  }
}
