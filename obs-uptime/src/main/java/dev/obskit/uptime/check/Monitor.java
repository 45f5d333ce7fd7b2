package dev.obskit.uptime.check;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.uptime.maintenance.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing to watch: what to probe ({@link CheckSpec}), how often, and how patient to be before
 * declaring it down or recovered. Immutable and thread-safe; build with {@link #builder}.
 *
 * <p>Confirmation and recovery periods are time-based, as Better Stack's: a monitor goes DOWN
 * only when failures have lasted at least {@link #confirmationPeriod()}, and back UP only when
 * successes have lasted at least {@link #recoveryPeriod()}; any opposite result restarts the
 * count.
 */
public final class Monitor {
  /** Shortest check frequency. */
  public static final Duration MIN_FREQUENCY = Duration.ofSeconds(30);
  /** Longest check frequency. */
  public static final Duration MAX_FREQUENCY = Duration.ofHours(24);
  /** Default check frequency: one minute. */
  public static final Duration DEFAULT_FREQUENCY = Duration.ofMinutes(1);
  /** Default probe timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Longest probe timeout. */
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
  /** Default confirmation period: failures must persist this long before DOWN. */
  public static final Duration DEFAULT_CONFIRMATION_PERIOD = Duration.ofSeconds(60);
  /** Default recovery period: successes must persist this long before UP. */
  public static final Duration DEFAULT_RECOVERY_PERIOD = Duration.ofMinutes(3);
  /** Longest confirmation or recovery period. */
  public static final Duration MAX_PERIOD = Duration.ofHours(24);

  private final MonitorId id;
  private final TeamId teamId;
  private final String name;
  private final CheckSpec spec;
  private final Duration frequency;
  private final Duration timeout;
  private final Duration confirmationPeriod;
  private final Duration recoveryPeriod;
  private final ExpiryThresholds certificateExpiry;
  private final ExpiryThresholds domainExpiry;
  private final List<MaintenanceWindow> maintenance;
  private final boolean paused;
  private final String group;

  private Monitor(Builder b) {
    this.id = b.id;
    this.teamId = b.teamId;
    this.name = b.name == null ? b.id.value() : b.name;
    this.spec = b.spec;
    this.frequency = b.frequency;
    this.timeout = b.timeout;
    this.confirmationPeriod = b.confirmationPeriod;
    this.recoveryPeriod = b.recoveryPeriod;
    this.certificateExpiry = b.certificateExpiry;
    this.domainExpiry = b.domainExpiry;
    this.maintenance = List.copyOf(b.maintenance);
    this.paused = b.paused;
    this.group = b.group;
  }

  /** Starts a monitor {@code id} of team {@code teamId} probing {@code spec}. */
  public static Builder builder(MonitorId id, TeamId teamId, CheckSpec spec) {
    return new Builder(id, teamId, spec);
  }

  /** Returns a builder with every field of this monitor. */
  public Builder toBuilder() {
    Builder b = new Builder(id, teamId, spec).setName(name).setFrequency(frequency)
        .setTimeout(timeout).setConfirmationPeriod(confirmationPeriod)
        .setRecoveryPeriod(recoveryPeriod).setCertificateExpiry(certificateExpiry)
        .setDomainExpiry(domainExpiry).setPaused(paused).setGroup(group);
    maintenance.forEach(b::addMaintenance);
    return b;
  }

  /** Returns the monitor's id. */
  public MonitorId id() {
    return id;
  }

  /** Returns the owning team. */
  public TeamId teamId() {
    return teamId;
  }

  /** Returns the display name (the id when not set). */
  public String name() {
    return name;
  }

  /** Returns what to probe. */
  public CheckSpec spec() {
    return spec;
  }

  /** Returns the kind of probe. */
  public MonitorKind kind() {
    return spec.kind();
  }

  /** Returns how often to probe. */
  public Duration frequency() {
    return frequency;
  }

  /** Returns the probe timeout. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns how long failures must last before the monitor is DOWN. */
  public Duration confirmationPeriod() {
    return confirmationPeriod;
  }

  /** Returns how long successes must last before a DOWN monitor is UP again. */
  public Duration recoveryPeriod() {
    return recoveryPeriod;
  }

  /** Returns when to warn before the TLS certificate expires. */
  public ExpiryThresholds certificateExpiry() {
    return certificateExpiry;
  }

  /** Returns when to warn before the domain expires. */
  public ExpiryThresholds domainExpiry() {
    return domainExpiry;
  }

  /** Returns the monitor's own maintenance windows. */
  public List<MaintenanceWindow> maintenance() {
    return maintenance;
  }

  /** Returns whether {@code instant} is inside one of the monitor's maintenance windows. */
  public boolean inMaintenance(Instant instant) {
    for (MaintenanceWindow w : maintenance) {
      if (w.covers(instant)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether the monitor is paused (not probed, time not counted). */
  public boolean paused() {
    return paused;
  }

  /** Returns the group name (for group SLOs and status pages); empty when ungrouped. */
  public String group() {
    return group;
  }

  @Override
  public String toString() {
    return "Monitor{" + id + ", " + spec + ", every " + frequency + "}";
  }

  /** Builds a {@link Monitor}; setters validate eagerly and name the bad value. */
  public static final class Builder {
    private final MonitorId id;
    private final TeamId teamId;
    private final CheckSpec spec;
    private String name;
    private Duration frequency = DEFAULT_FREQUENCY;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration confirmationPeriod = DEFAULT_CONFIRMATION_PERIOD;
    private Duration recoveryPeriod = DEFAULT_RECOVERY_PERIOD;
    private ExpiryThresholds certificateExpiry = ExpiryThresholds.DEFAULT;
    private ExpiryThresholds domainExpiry = ExpiryThresholds.DEFAULT;
    private final List<MaintenanceWindow> maintenance = new ArrayList<>();
    private boolean paused;
    private String group = "";

    Builder(MonitorId id, TeamId teamId, CheckSpec spec) {
      this.id = Objects.requireNonNull(id, "id");
      this.teamId = Objects.requireNonNull(teamId, "teamId");
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** Sets the display name (1 to 200 characters). */
    public Builder setName(String name) {
      Checks.notBlank("name", name);
      if (name.length() > 200) {
        throw new IllegalArgumentException("name must be at most 200 characters, got "
            + name.length());
      }
      this.name = name;
      return this;
    }

    /** Sets the check frequency, 30 s to 24 h. Default 1 min. */
    public Builder setFrequency(Duration frequency) {
      this.frequency = Checks.durationBetween("frequency", frequency, MIN_FREQUENCY,
          MAX_FREQUENCY);
      return this;
    }

    /** Sets the probe timeout, 1 ms to 60 s. Default 10 s. */
    public Builder setTimeout(Duration timeout) {
      this.timeout = Checks.durationBetween("timeout", timeout, Duration.ofMillis(1),
          MAX_TIMEOUT);
      return this;
    }

    /** Sets the confirmation period, 0 (immediate) to 24 h. Default 60 s. */
    public Builder setConfirmationPeriod(Duration period) {
      this.confirmationPeriod = Checks.durationBetween("confirmationPeriod", period,
          Duration.ZERO, MAX_PERIOD);
      return this;
    }

    /** Sets the recovery period, 0 (immediate) to 24 h. Default 3 min. */
    public Builder setRecoveryPeriod(Duration period) {
      this.recoveryPeriod = Checks.durationBetween("recoveryPeriod", period, Duration.ZERO,
          MAX_PERIOD);
      return this;
    }

    /** Sets the TLS certificate expiry warning thresholds. Default 30/14/7/1 days. */
    public Builder setCertificateExpiry(ExpiryThresholds thresholds) {
      this.certificateExpiry = Objects.requireNonNull(thresholds, "certificateExpiry");
      return this;
    }

    /** Sets the domain expiry warning thresholds. Default 30/14/7/1 days. */
    public Builder setDomainExpiry(ExpiryThresholds thresholds) {
      this.domainExpiry = Objects.requireNonNull(thresholds, "domainExpiry");
      return this;
    }

    /** Adds a maintenance window. */
    public Builder addMaintenance(MaintenanceWindow window) {
      maintenance.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /** Sets whether the monitor is paused. */
    public Builder setPaused(boolean paused) {
      this.paused = paused;
      return this;
    }

    /** Sets the group name (empty for none). */
    public Builder setGroup(String group) {
      this.group = Objects.requireNonNull(group, "group").strip();
      return this;
    }

    /** Returns the monitor; the timeout must be shorter than the frequency. */
    public Monitor build() {
      if (timeout.compareTo(frequency) >= 0) {
        throw new IllegalArgumentException("timeout " + timeout + " must be shorter than frequency "
            + frequency + " for monitor " + id);
      }
      return new Monitor(this);
    }
  }
}
