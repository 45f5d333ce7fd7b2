package dev.obskit.errors;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.grouping.FingerprintRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One error-tracking project: what a DSN points at. Holds its keys, PII choice, quota and alert
 * thresholds. Immutable; build with {@link #builder(ProjectId, TeamId)}.
 *
 * @param id the project id (the last path segment of the DSN)
 * @param teamId the owning team
 * @param publicKeys accepted DSN public keys
 * @param sendPii whether personal data is kept as sent (Sentry's {@code sendDefaultPii}); when
 *     false the core scrubber is applied to every event
 * @param monthlyQuota accepted events per calendar month (UTC)
 * @param rateLimitPerMinute accepted events per minute, 0 for no limit
 * @param spikeThreshold events of one issue within {@code spikeWindow} that raise a spike alert
 * @param spikeWindow the spike counting window
 * @param fingerprintRules server-side fingerprint rules, first match wins
 */
public record ProjectConfig(ProjectId id, TeamId teamId, List<String> publicKeys, boolean sendPii,
    long monthlyQuota, int rateLimitPerMinute, int spikeThreshold, Duration spikeWindow,
    List<FingerprintRule> fingerprintRules) {
  /** The free tier: 100,000 events per month. */
  public static final long DEFAULT_MONTHLY_QUOTA = 100_000;
  /** Default spike threshold: 50 events of one issue ... */
  public static final int DEFAULT_SPIKE_THRESHOLD = 50;
  /** ... within one minute. */
  public static final Duration DEFAULT_SPIKE_WINDOW = Duration.ofMinutes(1);

  /** Validates and copies. */
  public ProjectConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    publicKeys = List.copyOf(publicKeys);
    Checks.notNegative("monthlyQuota", monthlyQuota);
    Checks.notNegative("rateLimitPerMinute", rateLimitPerMinute);
    Checks.positive("spikeThreshold", spikeThreshold);
    Checks.durationBetween("spikeWindow", spikeWindow, Duration.ofSeconds(1), Duration.ofDays(1));
    fingerprintRules = List.copyOf(fingerprintRules);
  }

  /** Starts a project owned by {@code teamId}. */
  public static Builder builder(ProjectId id, TeamId teamId) {
    return new Builder(id, teamId);
  }

  /** Builds a {@link ProjectConfig}. Not thread-safe. */
  public static final class Builder {
    private final ProjectId id;
    private final TeamId teamId;
    private final List<String> publicKeys = new ArrayList<>();
    private boolean sendPii;
    private long monthlyQuota = DEFAULT_MONTHLY_QUOTA;
    private int rateLimitPerMinute;
    private int spikeThreshold = DEFAULT_SPIKE_THRESHOLD;
    private Duration spikeWindow = DEFAULT_SPIKE_WINDOW;
    private final List<FingerprintRule> rules = new ArrayList<>();

    Builder(ProjectId id, TeamId teamId) {
      this.id = Objects.requireNonNull(id, "id");
      this.teamId = Objects.requireNonNull(teamId, "teamId");
    }

    /** Adds an accepted DSN public key. */
    public Builder addPublicKey(String key) {
      Checks.notBlank("publicKey", key);
      publicKeys.add(key);
      return this;
    }

    /** Keeps personal data as sent instead of scrubbing it. Default false. */
    public Builder setSendPii(boolean sendPii) {
      this.sendPii = sendPii;
      return this;
    }

    /** Sets events accepted per month; default {@value ProjectConfig#DEFAULT_MONTHLY_QUOTA}. */
    public Builder setMonthlyQuota(long monthlyQuota) {
      this.monthlyQuota = monthlyQuota;
      return this;
    }

    /** Sets events accepted per minute; default 0 (none). */
    public Builder setRateLimitPerMinute(int perMinute) {
      this.rateLimitPerMinute = perMinute;
      return this;
    }

    /** Sets the spike alert: {@code threshold} events of one issue within {@code window}. */
    public Builder setSpike(int threshold, Duration window) {
      this.spikeThreshold = threshold;
      this.spikeWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /** Adds a server-side fingerprint rule in Sentry's syntax. */
    public Builder addFingerprintRule(String rule) {
      rules.add(FingerprintRule.parse(rule));
      return this;
    }

    /** Returns the project. */
    public ProjectConfig build() {
      return new ProjectConfig(id, teamId, publicKeys, sendPii, monthlyQuota, rateLimitPerMinute,
          spikeThreshold, spikeWindow, rules);
    }
  }
}
