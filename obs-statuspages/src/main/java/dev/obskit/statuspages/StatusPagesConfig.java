package dev.obskit.statuspages;

import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.notify.Notifier;
import dev.obskit.statuspages.access.AccessGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Settings of the status pages module. Immutable; build with {@link #builder()}; every value is
 * validated in {@link Builder#build()} with a message naming it.
 */
public final class StatusPagesConfig {
  /** Default weight of a partial-outage minute in the uptime figure (Instatus's example). */
  public static final double DEFAULT_PARTIAL_WEIGHT = 0.3;
  /** Default weight of a degraded-performance minute. */
  public static final double DEFAULT_DEGRADED_WEIGHT = 0.0;
  /** Default lifetime of a subscription verification token. */
  public static final Duration DEFAULT_VERIFICATION_TTL = Duration.ofHours(24);
  /** Default lifetime of a password session cookie. */
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);
  /** Default failed logins allowed per client address and page per {@link #loginWindow()}. */
  public static final int DEFAULT_LOGIN_ATTEMPTS = 5;
  /** Default login rate-limit window. */
  public static final Duration DEFAULT_LOGIN_WINDOW = Duration.ofMinutes(15);
  /** Default lifetime of a cached rendering. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);
  /** Default interval of the background tick (maintenance, automatic reports). */
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(15);
  /** Default URL prefix of the pages. */
  public static final String DEFAULT_BASE_PATH = "/status";

  private final double partialWeight;
  private final double degradedWeight;
  private final Duration verificationTtl;
  private final Duration sessionTtl;
  private final int loginAttempts;
  private final Duration loginWindow;
  private final Duration cacheTtl;
  private final Duration tickInterval;
  private final boolean driverEnabled;
  private final String basePath;
  private final String publicBaseUrl;
  private final List<Notifier> notifiers;
  private final List<AccessGate> accessGates;
  private final List<StatusPage> pages;
  private final Optional<Executor> deliveryExecutor;

  private StatusPagesConfig(Builder b) {
    partialWeight = b.partialWeight;
    degradedWeight = b.degradedWeight;
    verificationTtl = b.verificationTtl;
    sessionTtl = b.sessionTtl;
    loginAttempts = b.loginAttempts;
    loginWindow = b.loginWindow;
    cacheTtl = b.cacheTtl;
    tickInterval = b.tickInterval;
    driverEnabled = b.driverEnabled;
    basePath = b.basePath;
    publicBaseUrl = b.publicBaseUrl;
    notifiers = List.copyOf(b.notifiers);
    accessGates = List.copyOf(b.accessGates);
    pages = List.copyOf(b.pages);
    deliveryExecutor = b.deliveryExecutor;
  }

  /** Returns the defaults. */
  public static StatusPagesConfig defaults() {
    return builder().build();
  }

  /**
   * Reads {@code obs.statuspages.*}: {@code base-path}, {@code public-base-url} (default {@code
   * obs.http.public-url}), {@code partial-weight}, {@code
   * degraded-weight}, {@code verification-ttl}, {@code session-ttl}, {@code cache-ttl}, {@code
   * tick-interval}, {@code driver.enabled}, {@code login.attempts}, {@code login.window}; absent
   * keys keep the defaults. Pages are created in code ({@code StatusPages.createPage}) or come
   * from the kit's store.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static StatusPagesConfig fromProperties(ConfigProperties c) {
    Builder b = builder()
        .setBasePath(c.getString("obs.statuspages.base-path", DEFAULT_BASE_PATH))
        .setPublicBaseUrl(c.getString("obs.statuspages.public-base-url",
            c.getString("obs.http.public-url", "")))
        .setVerificationTtl(c.getDuration("obs.statuspages.verification-ttl",
            DEFAULT_VERIFICATION_TTL))
        .setSessionTtl(c.getDuration("obs.statuspages.session-ttl", DEFAULT_SESSION_TTL))
        .setCacheTtl(c.getDuration("obs.statuspages.cache-ttl", DEFAULT_CACHE_TTL))
        .setTickInterval(c.getDuration("obs.statuspages.tick-interval", DEFAULT_TICK_INTERVAL))
        .setDriverEnabled(c.getBoolean("obs.statuspages.driver.enabled", true))
        .setLoginRateLimit(c.getInt("obs.statuspages.login.attempts", DEFAULT_LOGIN_ATTEMPTS),
            c.getDuration("obs.statuspages.login.window", DEFAULT_LOGIN_WINDOW));
    Double partial = c.getDouble("obs.statuspages.partial-weight");
    if (partial != null) {
      b.setPartialWeight(partial);
    }
    Double degraded = c.getDouble("obs.statuspages.degraded-weight");
    if (degraded != null) {
      b.setDegradedWeight(degraded);
    }
    return b.build();
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the weight of a partial-outage minute (0 to 1). */
  public double partialWeight() {
    return partialWeight;
  }

  /** Returns the weight of a degraded minute (0 to 1). */
  public double degradedWeight() {
    return degradedWeight;
  }

  /** Returns the lifetime of a verification token. */
  public Duration verificationTtl() {
    return verificationTtl;
  }

  /** Returns the lifetime of a login session cookie. */
  public Duration sessionTtl() {
    return sessionTtl;
  }

  /** Returns the failed logins allowed per client and page within {@link #loginWindow()}. */
  public int loginAttempts() {
    return loginAttempts;
  }

  /** Returns the login rate-limit window. */
  public Duration loginWindow() {
    return loginWindow;
  }

  /** Returns how long a rendering is reused while nothing changed. */
  public Duration cacheTtl() {
    return cacheTtl;
  }

  /** Returns the background tick interval (real time). */
  public Duration tickInterval() {
    return tickInterval;
  }

  /** Returns whether a daemon thread ticks; otherwise the host calls {@code tick()}. */
  public boolean driverEnabled() {
    return driverEnabled;
  }

  /** Returns the URL prefix, e.g. {@code /status}. */
  public String basePath() {
    return basePath;
  }

  /**
   * Returns the absolute URL the kit's routes are served under (e.g. {@code
   * https://example.com/obskit}, no trailing slash), used for links in messages to subscribers
   * of pages without their own public URL; empty: such links are paths.
   */
  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  /** Returns the notifiers subscribers are reached through, one per channel kind. */
  public List<Notifier> notifiers() {
    return notifiers;
  }

  /** Returns the access gates (SSO), consulted in order. */
  public List<AccessGate> accessGates() {
    return accessGates;
  }

  /** Returns the pages created at start (kept if the store already has them). */
  public List<StatusPage> pages() {
    return pages;
  }

  /** Returns the executor notifications are sent on; empty: the module's own thread. */
  public Optional<Executor> deliveryExecutor() {
    return deliveryExecutor;
  }

  /** Builds {@link StatusPagesConfig}. Not thread-safe. */
  public static final class Builder {
    private double partialWeight = DEFAULT_PARTIAL_WEIGHT;
    private double degradedWeight = DEFAULT_DEGRADED_WEIGHT;
    private Duration verificationTtl = DEFAULT_VERIFICATION_TTL;
    private Duration sessionTtl = DEFAULT_SESSION_TTL;
    private int loginAttempts = DEFAULT_LOGIN_ATTEMPTS;
    private Duration loginWindow = DEFAULT_LOGIN_WINDOW;
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private Duration tickInterval = DEFAULT_TICK_INTERVAL;
    private boolean driverEnabled = true;
    private String basePath = DEFAULT_BASE_PATH;
    private String publicBaseUrl = "";
    private final List<Notifier> notifiers = new ArrayList<>();
    private final List<AccessGate> accessGates = new ArrayList<>();
    private final List<StatusPage> pages = new ArrayList<>();
    private Optional<Executor> deliveryExecutor = Optional.empty();

    private Builder() {}

    /** Sets the partial-outage weight, 0 to 1 (default 0.3). */
    public Builder setPartialWeight(double w) {
      this.partialWeight = w;
      return this;
    }

    /** Sets the degraded weight, 0 to 1 (default 0). */
    public Builder setDegradedWeight(double w) {
      this.degradedWeight = w;
      return this;
    }

    /** Sets the verification token lifetime, 1 minute to 30 days (default 24 h). */
    public Builder setVerificationTtl(Duration ttl) {
      this.verificationTtl = Objects.requireNonNull(ttl, "verificationTtl");
      return this;
    }

    /** Sets the session cookie lifetime, 1 minute to 30 days (default 12 h). */
    public Builder setSessionTtl(Duration ttl) {
      this.sessionTtl = Objects.requireNonNull(ttl, "sessionTtl");
      return this;
    }

    /** Sets the login rate limit: {@code attempts} failures per {@code window} per client. */
    public Builder setLoginRateLimit(int attempts, Duration window) {
      this.loginAttempts = attempts;
      this.loginWindow = Objects.requireNonNull(window, "loginWindow");
      return this;
    }

    /** Sets the rendering cache lifetime, 0 (off) to 10 minutes (default 30 s). */
    public Builder setCacheTtl(Duration ttl) {
      this.cacheTtl = Objects.requireNonNull(ttl, "cacheTtl");
      return this;
    }

    /** Sets the background tick interval, 1 s to 10 min (default 15 s). */
    public Builder setTickInterval(Duration interval) {
      this.tickInterval = Objects.requireNonNull(interval, "tickInterval");
      return this;
    }

    /** Enables or disables the background tick thread (default enabled). */
    public Builder setDriverEnabled(boolean enabled) {
      this.driverEnabled = enabled;
      return this;
    }

    /** Sets the URL prefix (default {@code /status}). */
    public Builder setBasePath(String basePath) {
      this.basePath = Objects.requireNonNull(basePath, "basePath");
      return this;
    }

    /** Sets the absolute URL the kit's routes are served under, for links in messages. */
    public Builder setPublicBaseUrl(String url) {
      Objects.requireNonNull(url, "publicBaseUrl");
      if (!url.isEmpty() && !url.matches("https?://[^\\s<>\"]+")) {
        throw new IllegalArgumentException("publicBaseUrl must be an http(s) URL, got '" + url
            + "'");
      }
      this.publicBaseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      return this;
    }

    /** Adds the notifier for its channel kind. */
    public Builder addNotifier(Notifier notifier) {
      notifiers.add(Objects.requireNonNull(notifier, "notifier"));
      return this;
    }

    /** Adds an access gate (single sign-on). */
    public Builder addAccessGate(AccessGate gate) {
      accessGates.add(Objects.requireNonNull(gate, "gate"));
      return this;
    }

    /** Adds a page created at start. */
    public Builder addPage(StatusPage page) {
      pages.add(Objects.requireNonNull(page, "page"));
      return this;
    }

    /** Sends notifications on {@code executor} (tests: {@code Runnable::run}). */
    public Builder setDeliveryExecutor(Executor executor) {
      this.deliveryExecutor = Optional.of(Objects.requireNonNull(executor, "executor"));
      return this;
    }

    /** Validates and returns the config. */
    public StatusPagesConfig build() {
      weight("partialWeight", partialWeight);
      weight("degradedWeight", degradedWeight);
      range("verificationTtl", verificationTtl, Duration.ofMinutes(1), Duration.ofDays(30));
      range("sessionTtl", sessionTtl, Duration.ofMinutes(1), Duration.ofDays(30));
      range("loginWindow", loginWindow, Duration.ofSeconds(1), Duration.ofDays(1));
      range("cacheTtl", cacheTtl, Duration.ZERO, Duration.ofMinutes(10));
      range("tickInterval", tickInterval, Duration.ofSeconds(1), Duration.ofMinutes(10));
      if (loginAttempts < 1 || loginAttempts > 1000) {
        throw new IllegalArgumentException("loginAttempts must be 1 to 1000, got "
            + loginAttempts);
      }
      if (!basePath.matches("(/[A-Za-z0-9._-]+)+")) {
        throw new IllegalArgumentException("basePath must look like /status, got '" + basePath
            + "'");
      }
      return new StatusPagesConfig(this);
    }

    private static void weight(String name, double w) {
      if (!(w >= 0 && w <= 1)) {
        throw new IllegalArgumentException(name + " must be 0 to 1, got " + w);
      }
    }

    private static void range(String name, Duration d, Duration min, Duration max) {
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", got "
            + d);
      }
    }
  }
}
