package dev.obskit.telemetry;

import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.privacy.PiiScrubber;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the logback and Log4j2 appenders share: either a pipeline of their own, started from the
 * {@code obs.telemetry.*} properties set in the logging config file, or a pipeline an ObsKit
 * {@link TelemetryModule} registered under a name.
 *
 * <p>In the second mode, events logged before the module starts (early startup logs are the ones
 * users miss most) are held in a small bounded queue and replayed into the pipeline once it is
 * running; beyond {@link #EARLY_EVENTS_CAPACITY} they are dropped and counted. Thread-safe.
 */
public final class AppenderBridge {
  /** How many events logged before the named pipeline started are kept for it. */
  public static final int EARLY_EVENTS_CAPACITY = 1000;
  private static final Logger log = LoggerFactory.getLogger(AppenderBridge.class);

  private final String pipelineName;
  private final Map<String, String> properties;
  private final Duration shutdownTimeout;
  private volatile Telemetry telemetry;
  private boolean owned;
  private final ArrayDeque<TelemetryEvent> early = new ArrayDeque<>();
  private final LongAdder earlyDropped = new LongAdder();

  /**
   * @param pipelineName the registered pipeline to use when no own configuration is given
   * @param properties {@code obs.telemetry.*} settings; if any is present, an own pipeline is
   *     started from them (its name is prefixed with the appender name)
   * @param shutdownTimeout the deadline of the final flush of an own pipeline
   */
  public AppenderBridge(String pipelineName, Map<String, String> properties,
      Duration shutdownTimeout) {
    this.pipelineName = pipelineName;
    this.properties = new LinkedHashMap<>(properties);
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Starts an own pipeline when properties were given.
   *
   * @throws dev.obskit.core.config.ConfigException naming a malformed setting
   * @throws IllegalStateException when the durable buffer cannot run (missing JVM flags)
   */
  public void start() {
    if (properties.isEmpty()) {
      return;
    }
    Map<String, String> props = new LinkedHashMap<>(properties);
    props.putIfAbsent(TelemetryProperties.PREFIX + ".name", pipelineName);
    // An appender that fails to start loses every log line with one status message nobody
    // reads; by default it runs on memory and says so instead.
    props.putIfAbsent(TelemetryProperties.PREFIX + ".buffer.on-missing-flags", "memory-fallback");
    TelemetryConfig config = TelemetryProperties.read(ConfigProperties.of(props),
        PiiScrubber.defaults());
    telemetry = Telemetry.start(config);
    owned = true;
  }

  /** Returns why the own pipeline is degraded right after start (e.g. a memory fallback). */
  public java.util.List<String> degradedReasons() {
    Telemetry t = telemetry;
    return owned && t != null ? t.health().reasons() : java.util.List.of();
  }

  /** Emits on the calling thread; never throws. */
  public void emit(TelemetryEvent event) {
    Telemetry t = telemetry;
    if (t == null) {
      t = attach();
      if (t == null) {
        holdEarly(event);
        return;
      }
    }
    t.emit(event);
  }

  private Telemetry attach() {
    Optional<Telemetry> found = TelemetryRegistry.find(pipelineName);
    if (found.isEmpty()) {
      return null;
    }
    synchronized (early) {
      if (telemetry == null) {
        Telemetry t = found.get();
        TelemetryEvent e;
        while ((e = early.poll()) != null) {
          t.emit(e);
        }
        telemetry = t;
      }
      return telemetry;
    }
  }

  private void holdEarly(TelemetryEvent event) {
    synchronized (early) {
      if (telemetry != null) {
        telemetry.emit(event);
      } else if (early.size() < EARLY_EVENTS_CAPACITY) {
        early.add(event);
      } else {
        earlyDropped.increment();
      }
    }
  }

  /** Returns the pipeline in use, if attached or owned. */
  public Optional<Telemetry> telemetry() {
    return Optional.ofNullable(telemetry);
  }

  /** Returns events dropped because the named pipeline had not started and the queue was full. */
  public long earlyDropped() {
    return earlyDropped.sum();
  }

  /** Closes an own pipeline within the shutdown timeout; a shared one is left to its module. */
  public void stop() {
    Telemetry t = telemetry;
    if (owned && t != null) {
      t.close(shutdownTimeout);
    }
    if (earlyDropped.sum() > 0) {
      log.warn("ObsKit appender dropped {} events logged before telemetry pipeline '{}' started",
          earlyDropped.sum(), pipelineName);
    }
  }
}
