package dev.obskit.incidents.oncall;

import dev.obskit.core.config.Checks;
import dev.obskit.core.config.ConfigProperties;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the on-call schedule service. Immutable; build with {@link #builder()} or read from
 * configuration with {@link #fromConfig(ConfigProperties)}.
 *
 * @param cacheHorizon how far ahead of now each schedule's final shifts are precomputed for
 *     {@link ScheduleService#whoIsOnCall}; lookups beyond it are computed on demand
 * @param cacheLookback how far behind now the cached window starts
 */
public record OnCallConfig(Duration cacheHorizon, Duration cacheLookback) {
  /** Default {@link #cacheHorizon()}: 35 days, a little more than Grafana OnCall's 30-day checks. */
  public static final Duration DEFAULT_CACHE_HORIZON = Duration.ofDays(35);
  /** Default {@link #cacheLookback()}: one day, so recent incidents resolve without recomputing. */
  public static final Duration DEFAULT_CACHE_LOOKBACK = Duration.ofDays(1);
  /** Longest accepted horizon. */
  public static final Duration MAX_CACHE_HORIZON = Duration.ofDays(3 * 366);

  /** Validates the settings, naming the bad value. */
  public OnCallConfig {
    Checks.durationBetween("cacheHorizon", cacheHorizon, Duration.ofHours(1), MAX_CACHE_HORIZON);
    Checks.durationBetween("cacheLookback", cacheLookback, Duration.ZERO, MAX_CACHE_HORIZON);
  }

  /** Returns the defaults. */
  public static OnCallConfig defaults() {
    return new OnCallConfig(DEFAULT_CACHE_HORIZON, DEFAULT_CACHE_LOOKBACK);
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code obs.incidents.oncall.cache-horizon} and {@code obs.incidents.oncall.cache-lookback}
   * (env {@code OBS_INCIDENTS_ONCALL_CACHE_HORIZON}, ...), e.g. {@code "35d"}, falling back to the
   * defaults.
   */
  public static OnCallConfig fromConfig(ConfigProperties config) {
    Objects.requireNonNull(config, "config");
    return new OnCallConfig(
        config.getDuration("obs.incidents.oncall.cache-horizon", DEFAULT_CACHE_HORIZON),
        config.getDuration("obs.incidents.oncall.cache-lookback", DEFAULT_CACHE_LOOKBACK));
  }

  /** Builds an {@link OnCallConfig}. Not thread-safe. */
  public static final class Builder {
    private Duration cacheHorizon = DEFAULT_CACHE_HORIZON;
    private Duration cacheLookback = DEFAULT_CACHE_LOOKBACK;

    Builder() {}

    /** Sets how far ahead final shifts are cached. */
    public Builder setCacheHorizon(Duration horizon) {
      this.cacheHorizon = Objects.requireNonNull(horizon, "cacheHorizon");
      return this;
    }

    /** Sets how far behind now the cached window starts. */
    public Builder setCacheLookback(Duration lookback) {
      this.cacheLookback = Objects.requireNonNull(lookback, "cacheLookback");
      return this;
    }

    /** Returns the validated config. */
    public OnCallConfig build() {
      return new OnCallConfig(cacheHorizon, cacheLookback);
    }
  }
}
