package dev.obskit.uptime.slo;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A service level objective over one monitor or a group of monitors, counted over check results
 * (good checks / valid checks; UNKNOWN results and maintenance excluded): availability SLOs count
 * successful checks as good, latency SLOs successful checks answering within {@link
 * #latencyThreshold()}. The objective is taken as the decimal it prints as (0.999), so budgets
 * and thresholds are exact. Immutable; build with {@link #builder}.
 */
public final class Slo {
  /** Default SLO period, the SRE workbook's 30 days. */
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  /** What the SLO measures. */
  public enum Kind { AVAILABILITY, LATENCY }

  private final String id;
  private final TeamId teamId;
  private final Set<MonitorId> monitors;
  private final double objective;
  private final Duration period;
  private final Kind kind;
  private final Duration latencyThreshold;
  private final List<BurnRateRule> rules;

  private Slo(Builder b) {
    this.id = b.id;
    this.teamId = b.teamId;
    this.monitors = Set.copyOf(b.monitors);
    this.objective = b.objective;
    this.period = b.period;
    this.kind = b.kind;
    this.latencyThreshold = b.latencyThreshold;
    this.rules = List.copyOf(b.rules);
  }

  /** Starts an SLO {@code id} (1 to 100 characters of {@code [A-Za-z0-9._-]}). */
  public static Builder builder(String id, TeamId teamId) {
    return new Builder(id, teamId);
  }

  /** Returns the SLO id, used in alert dedup keys. */
  public String id() {
    return id;
  }

  /** Returns the owning team. */
  public TeamId teamId() {
    return teamId;
  }

  /** Returns the monitors whose SLIs are summed. */
  public Set<MonitorId> monitors() {
    return monitors;
  }

  /** Returns the objective as a ratio, e.g. 0.999. */
  public double objective() {
    return objective;
  }

  /** Returns the SLO period (the budget window). */
  public Duration period() {
    return period;
  }

  /** Returns what is measured. */
  public Kind kind() {
    return kind;
  }

  /** Returns the latency threshold (latency SLOs only; zero otherwise). */
  public Duration latencyThreshold() {
    return latencyThreshold;
  }

  /** Returns the burn-rate alert rules. */
  public List<BurnRateRule> rules() {
    return rules;
  }

  /** Returns the error budget as a ratio of events: {@code 1 - objective}. */
  public double budgetRatio() {
    return 1.0 - objective;
  }

  /** Builds an {@link Slo}; validates eagerly. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final TeamId teamId;
    private final Set<MonitorId> monitors = new LinkedHashSet<>();
    private double objective = 0.999;
    private Duration period = DEFAULT_PERIOD;
    private Kind kind = Kind.AVAILABILITY;
    private Duration latencyThreshold = Duration.ZERO;
    private List<BurnRateRule> rules = BurnRateRule.SRE_WORKBOOK;

    Builder(String id, TeamId teamId) {
      Objects.requireNonNull(id, "id");
      if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
        throw new IllegalArgumentException("SLO id must be 1 to 100 characters of"
            + " [A-Za-z0-9._-], got '" + id + "'");
      }
      this.id = id;
      this.teamId = Objects.requireNonNull(teamId, "teamId");
    }

    /** Adds a monitor to the SLO. */
    public Builder addMonitor(MonitorId monitor) {
      monitors.add(Objects.requireNonNull(monitor, "monitor"));
      return this;
    }

    /** Sets the objective, strictly between 0 and 1 (e.g. 0.999). Default 0.999. */
    public Builder setObjective(double objective) {
      if (!(objective > 0 && objective < 1)) {
        throw new IllegalArgumentException("objective must be strictly between 0 and 1, got "
            + objective);
      }
      this.objective = objective;
      return this;
    }

    /** Sets the period, 1 to 365 days. Default 30 days. */
    public Builder setPeriod(Duration period) {
      this.period = Checks.durationBetween("period", period, Duration.ofDays(1),
          Duration.ofDays(365));
      return this;
    }

    /** Makes this an availability SLO (the default). */
    public Builder availability() {
      this.kind = Kind.AVAILABILITY;
      this.latencyThreshold = Duration.ZERO;
      return this;
    }

    /** Makes this a latency SLO: good checks succeed within {@code threshold}. */
    public Builder latency(Duration threshold) {
      this.latencyThreshold = Checks.durationBetween("latencyThreshold", threshold,
          Duration.ofMillis(1), Duration.ofSeconds(60));
      this.kind = Kind.LATENCY;
      return this;
    }

    /** Replaces the burn-rate rules (default: {@link BurnRateRule#SRE_WORKBOOK}). */
    public Builder setRules(List<BurnRateRule> rules) {
      this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
      return this;
    }

    /** Returns the SLO; it needs at least one monitor. */
    public Slo build() {
      if (monitors.isEmpty()) {
        throw new IllegalStateException("SLO " + id + " needs at least one monitor");
      }
      return new Slo(this);
    }
  }
}
