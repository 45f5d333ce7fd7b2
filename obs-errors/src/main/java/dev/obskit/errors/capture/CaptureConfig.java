package dev.obskit.errors.capture;

import dev.obskit.core.config.Checks;
import dev.obskit.errors.event.ErrorEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How an {@link ErrorTracker} captures: which packages are application code, sampling, bounds,
 * the before-send hook and the static event attributes. Immutable; build with {@link #builder()}.
 *
 * @param inAppPackages package prefixes of application code (frames marked {@code in_app})
 * @param sampleRate share of events kept, 0.0 to 1.0, decided before any work is done
 * @param maxBreadcrumbs breadcrumbs kept per scope
 * @param queueCapacity captures waiting for the background worker; beyond it captures are dropped
 *     and counted, never blocking the caller
 * @param maxFrames frames kept per exception (those nearest the throw)
 * @param deduplicate whether a Throwable (or one of its causes) captured before is dropped
 * @param beforeSend runs on the worker thread; may change the event or return null to drop it; if
 *     it throws, the event is dropped (it may have been half-scrubbed)
 * @param release the release attached to every event, or null
 * @param environment the environment, or null
 * @param serverName the server name, or null
 * @param spool where captures overflow when the queue is full (processed when the worker catches
 *     up; only a full spool drops), or null to drop at once; the tracker closes it
 */
public record CaptureConfig(List<String> inAppPackages, double sampleRate, int maxBreadcrumbs,
    int queueCapacity, int maxFrames, boolean deduplicate, UnaryOperator<ErrorEvent> beforeSend,
    String release, String environment, String serverName, CaptureSpool spool) {
  /** Default breadcrumbs per scope, as sentry-java. */
  public static final int DEFAULT_MAX_BREADCRUMBS = 100;
  /** Default capture queue capacity. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
  /** Default frames per exception, as sentry-java. */
  public static final int DEFAULT_MAX_FRAMES = 100;

  /** Validates and copies. */
  public CaptureConfig {
    inAppPackages = List.copyOf(inAppPackages);
    Checks.between("sampleRate", sampleRate, 0.0, 1.0);
    Checks.notNegative("maxBreadcrumbs", maxBreadcrumbs);
    Checks.positive("queueCapacity", queueCapacity);
    Checks.positive("maxFrames", maxFrames);
    Objects.requireNonNull(beforeSend, "beforeSend");
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the defaults: no in-app packages, keep everything. */
  public static CaptureConfig defaults() {
    return builder().build();
  }

  /** Builds a {@link CaptureConfig}. Not thread-safe. */
  public static final class Builder {
    private final List<String> inApp = new ArrayList<>();
    private double sampleRate = 1.0;
    private CaptureSpool spool;
    private int maxBreadcrumbs = DEFAULT_MAX_BREADCRUMBS;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int maxFrames = DEFAULT_MAX_FRAMES;
    private boolean deduplicate = true;
    private UnaryOperator<ErrorEvent> beforeSend = UnaryOperator.identity();
    private String release;
    private String environment;
    private String serverName;

    Builder() {}

    /** Marks classes under {@code packagePrefix} (e.g. {@code com.shop}) as application code. */
    public Builder addInAppPackage(String packagePrefix) {
      Checks.notBlank("packagePrefix", packagePrefix);
      inApp.add(packagePrefix.endsWith(".") ? packagePrefix : packagePrefix + ".");
      return this;
    }

    /** Sets the share of events kept; default 1.0. */
    public Builder setSampleRate(double sampleRate) {
      this.sampleRate = sampleRate;
      return this;
    }

    /** Sets breadcrumbs per scope; default {@value CaptureConfig#DEFAULT_MAX_BREADCRUMBS}. */
    public Builder setMaxBreadcrumbs(int maxBreadcrumbs) {
      this.maxBreadcrumbs = maxBreadcrumbs;
      return this;
    }

    /** Sets the capture queue capacity; default {@value CaptureConfig#DEFAULT_QUEUE_CAPACITY}. */
    public Builder setQueueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** Sets frames kept per exception; default {@value CaptureConfig#DEFAULT_MAX_FRAMES}. */
    public Builder setMaxFrames(int maxFrames) {
      this.maxFrames = maxFrames;
      return this;
    }

    /** Turns Throwable deduplication on or off; default on. */
    public Builder setDeduplicate(boolean deduplicate) {
      this.deduplicate = deduplicate;
      return this;
    }

    /** Sets the before-send hook. */
    public Builder setBeforeSend(UnaryOperator<ErrorEvent> beforeSend) {
      this.beforeSend = Objects.requireNonNull(beforeSend, "beforeSend");
      return this;
    }

    /** Sets the release. */
    public Builder setRelease(String release) {
      this.release = release;
      return this;
    }

    /** Sets the environment. */
    public Builder setEnvironment(String environment) {
      this.environment = environment;
      return this;
    }

    /** Sets the server name. */
    public Builder setServerName(String serverName) {
      this.serverName = serverName;
      return this;
    }

    /**
     * Sets where captures overflow when the queue is full, e.g. {@code
     * FileCaptureSpool.open(dir, 64 << 20)}; none by default (a full queue drops and counts).
     */
    public Builder setSpool(CaptureSpool spool) {
      this.spool = Objects.requireNonNull(spool, "spool");
      return this;
    }

    /** Returns the config. */
    public CaptureConfig build() {
      return new CaptureConfig(inApp, sampleRate, maxBreadcrumbs, queueCapacity, maxFrames,
          deduplicate, beforeSend, release, environment, serverName, spool);
    }
  }
}
