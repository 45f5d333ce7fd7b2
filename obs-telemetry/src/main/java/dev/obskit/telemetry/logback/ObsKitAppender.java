package dev.obskit.telemetry.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.obskit.telemetry.AppenderBridge;
import dev.obskit.telemetry.SelfDiagnostics;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryConfig;
import dev.obskit.telemetry.TelemetryEvent;
import dev.obskit.telemetry.TelemetryProperties;
import dev.obskit.telemetry.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Logback appender that ships through ObsKit's durable buffer. Everything is captured and encoded
 * on the logging thread (message, MDC, markers, key-value pairs, throwable with stack, logger,
 * thread, OpenTelemetry trace/span ids), so no {@code ILoggingEvent} is ever queued and nothing
 * is read lazily on another thread.
 *
 * <pre>{@code
 * <appender name="OBSKIT" class="dev.obskit.telemetry.logback.ObsKitAppender">
 *   <dir>/var/lib/myapp/obskit-telemetry</dir>
 *   <sinks>betterstack</sinks>
 *   <betterStackToken>${BETTER_STACK_TOKEN}</betterStackToken>
 *   <mdcKeys>requestId,userId</mdcKeys>
 * </appender>
 * }</pre>
 *
 * Without any pipeline setting the appender writes into the pipeline an ObsKit
 * {@code TelemetryModule} registered under {@link #setPipeline(String) pipeline} (default
 * {@code "default"}). Any other {@code obs.telemetry.*} key can be given as
 * {@code <setting>obs.telemetry.batch.max-age=2s</setting>}. Never throws into the logging call.
 */
public class ObsKitAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private static final String P = TelemetryProperties.PREFIX;

  private String pipeline = TelemetryConfig.DEFAULT_NAME;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private Set<String> mdcKeys;
  private boolean captureMarkers = true;
  private boolean captureKeyValues = true;
  private Duration shutdownTimeout = Duration.ofSeconds(5);
  private AppenderBridge bridge;

  /** Name of the pipeline to use or, with settings, to start; default {@code "default"}. */
  public void setPipeline(String pipeline) {
    this.pipeline = pipeline;
  }

  /** Base directory for buffer, dead letters and the file sink (starts an own pipeline). */
  public void setDir(String dir) {
    settings.put(P + ".dir", dir);
  }

  /** Comma-separated sinks: file, betterstack, otlp, clickhouse. */
  public void setSinks(String sinks) {
    settings.put(P + ".sinks", sinks);
  }

  /** {@code chronicle} (durable, default) or {@code memory}. */
  public void setBufferType(String type) {
    settings.put(P + ".buffer.type", type);
  }

  /** Buffer size cap, e.g. {@code 1GB}. */
  public void setMaxBufferSize(String size) {
    settings.put(P + ".buffer.max-bytes", size);
  }

  /** Disk floor, e.g. {@code 512MB}. */
  public void setMinFreeDisk(String size) {
    settings.put(P + ".buffer.min-free-disk", size);
  }

  /** {@code drop-newest} (default) or {@code block-with-timeout}. */
  public void setOverflow(String policy) {
    settings.put(P + ".buffer.overflow", policy);
  }

  /** Longest wait of a logging thread under block-with-timeout, e.g. {@code 50ms}. */
  public void setBlockTimeout(String timeout) {
    settings.put(P + ".buffer.block-timeout", timeout);
  }

  public void setBetterStackUrl(String url) {
    settings.put(P + ".sink.betterstack.url", url);
  }

  /** The Better Stack source token; never logged. */
  public void setBetterStackToken(String token) {
    settings.put(P + ".sink.betterstack.token", token);
  }

  public void setOtlpEndpoint(String endpoint) {
    settings.put(P + ".sink.otlp.endpoint", endpoint);
  }

  public void setServiceName(String serviceName) {
    settings.put(P + ".sink.otlp.service-name", serviceName);
  }

  public void setClickHouseUrl(String url) {
    settings.put(P + ".sink.clickhouse.url", url);
  }

  public void setClickHouseTable(String table) {
    settings.put(P + ".sink.clickhouse.table", table);
  }

  /** Directory of the NDJSON file sink. */
  public void setFileDir(String dir) {
    settings.put(P + ".sink.file.dir", dir);
  }

  public void setBatchMaxRecords(String n) {
    settings.put(P + ".batch.max-records", n);
  }

  public void setBatchMaxAge(String age) {
    settings.put(P + ".batch.max-age", age);
  }

  /** Drops events below this level before buffering. */
  public void setMinLevel(String level) {
    settings.put(P + ".transform.min-level", level);
  }

  /** {@code true} (default) redacts PII with the core scrubber before buffering. */
  public void setScrub(String scrub) {
    settings.put(P + ".transform.scrub", scrub);
  }

  /** Any {@code obs.telemetry.*} setting as {@code key=value}; repeatable. */
  public void addSetting(String keyValue) {
    int eq = keyValue.indexOf('=');
    if (eq <= 0) {
      addError("setting must be key=value, got '" + keyValue + "'");
      return;
    }
    settings.put(keyValue.substring(0, eq).trim(), keyValue.substring(eq + 1).trim());
  }

  /** Comma-separated MDC keys to keep; unset or {@code *} keeps all of the MDC. */
  public void setMdcKeys(String keys) {
    String k = keys == null ? "" : keys.trim();
    this.mdcKeys = k.isEmpty() || "*".equals(k) ? null : Set.of(k.split("\\s*,\\s*"));
  }

  public void setCaptureMarkers(boolean captureMarkers) {
    this.captureMarkers = captureMarkers;
  }

  public void setCaptureKeyValues(boolean captureKeyValues) {
    this.captureKeyValues = captureKeyValues;
  }

  /** Deadline of the final flush when logback stops, e.g. {@code 5s}. */
  public void setShutdownTimeout(String timeout) {
    this.shutdownTimeout = dev.obskit.core.config.ConfigProperties.of(Map.of("t", timeout))
        .getDuration("t");
  }

  /**
   * Starts the pipeline; a bad setting or an unusable buffer disables only this appender (the
   * error names the key and the valid values), never the rest of the logging configuration.
   * Without Chronicle's JVM flags it runs on a memory buffer and says so (a WARN status and
   * health DEGRADED), unless {@code obs.telemetry.buffer.on-missing-flags=fail}.
   */
  @Override
  public void start() {
    AppenderBridge b = new AppenderBridge(pipeline, settings, shutdownTimeout);
    try {
      b.start();
    } catch (RuntimeException | LinkageError e) {
      addError("ObsKit appender '" + getName() + "' not started: " + e.getMessage(), e);
      return;
    }
    b.degradedReasons().forEach(r -> addWarn("ObsKit appender '" + getName() + "': " + r));
    bridge = b;
    super.start();
  }

  @Override
  public void stop() {
    super.stop();
    if (bridge != null) {
      bridge.stop();
    }
  }

  /** Returns the pipeline this appender writes to, once known. */
  public Optional<Telemetry> telemetry() {
    return bridge == null ? Optional.empty() : bridge.telemetry();
  }

  @Override
  protected void append(ILoggingEvent e) {
    if (SelfDiagnostics.mustDivert(e.getLoggerName())) {
      // ObsKit's own or its dependencies' logs, or logged inside ObsKit's append path: never
      // back into the pipeline (a nested append, or a failing sink's warnings shipped to it).
      SelfDiagnostics.record(severity(e.getLevel()), e.getLoggerName(), e.getFormattedMessage());
      return;
    }
    try {
      bridge.emit(toEvent(e));
    } catch (RuntimeException ex) {
      // Never into the application's logging call; logback rate-limits its status messages.
      addError("ObsKit appender failed to capture an event", ex);
    }
  }

  TelemetryEvent toEvent(ILoggingEvent e) {
    Instant at = e.getInstant();
    TelemetryEvent ev = new TelemetryEvent()
        .setEpochNanos(at.getEpochSecond() * 1_000_000_000L + at.getNano())
        .setSeverity(severity(e.getLevel()))
        .setLogger(e.getLoggerName())
        .setThread(e.getThreadName())
        .setMessage(MessageFormat.of(e));
    Map<String, String> mdc = e.getMDCPropertyMap();
    copyMdc(mdc, ev);
    if (captureMarkers) {
      List<Marker> markers = e.getMarkerList();
      if (markers != null && !markers.isEmpty()) {
        List<String> names = new ArrayList<>(markers.size());
        markers.forEach(m -> names.add(m.getName()));
        ev.setMarkers(names);
      }
    }
    if (captureKeyValues) {
      List<KeyValuePair> kvs = e.getKeyValuePairs();
      if (kvs != null) {
        for (KeyValuePair kv : kvs) {
          ev.putAttribute(kv.key, plain(kv.value));
        }
      }
    }
    IThrowableProxy tp = e.getThrowableProxy();
    if (tp != null) {
      ev.setThrowable(new TelemetryEvent.ThrowableInfo(tp.getClassName(), tp.getMessage(),
          ThrowableProxyUtil.asString(tp)));
    }
    TraceContext.capture(ev, mdc);
    return ev;
  }

  private void copyMdc(Map<String, String> mdc, TelemetryEvent ev) {
    if (mdc == null || mdc.isEmpty()) {
      return;
    }
    if (mdcKeys == null) {
      mdc.forEach(ev::putAttribute);
    } else {
      for (String k : mdcKeys) {
        ev.putAttribute(k, mdc.get(k));
      }
    }
  }

  /** Keeps numbers and booleans typed; anything else becomes its string form now, not later. */
  static Object plain(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    return String.valueOf(v);
  }

  static Severity severity(Level level) {
    switch (level.toInt()) {
      case Level.ERROR_INT: return Severity.ERROR;
      case Level.WARN_INT: return Severity.WARN;
      case Level.INFO_INT: return Severity.INFO;
      case Level.DEBUG_INT: return Severity.DEBUG;
      default: return Severity.TRACE;
    }
  }
}
