package dev.obskit.telemetry.log4j2;

import dev.obskit.telemetry.AppenderBridge;
import dev.obskit.telemetry.SelfDiagnostics;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryConfig;
import dev.obskit.telemetry.TelemetryEvent;
import dev.obskit.telemetry.TelemetryProperties;
import dev.obskit.telemetry.TraceContext;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;

/**
 * Log4j2 appender that ships through ObsKit's durable buffer, capturing on the logging thread the
 * message, ThreadContext (all or a whitelist), marker and its parents, {@code MapMessage}
 * key-value pairs, throwable with stack, logger, thread and OpenTelemetry trace/span ids.
 *
 * <pre>{@code
 * <Appenders>
 *   <ObsKit name="obskit" dir="/var/lib/myapp/obskit-telemetry" sinks="otlp"
 *           otlpEndpoint="http://collector:4318" contextKeys="requestId,userId">
 *     <Property name="obs.telemetry.batch.max-age" value="2s"/>
 *   </ObsKit>
 * </Appenders>
 * }</pre>
 *
 * Without pipeline attributes it writes into the pipeline an ObsKit {@code TelemetryModule}
 * registered under {@code pipeline}. Never throws into the logging call.
 */
@Plugin(name = "ObsKit", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class ObsKitLog4j2Appender extends AbstractAppender {
  private final AppenderBridge bridge;
  private final Set<String> contextKeys;

  private ObsKitLog4j2Appender(String name, Filter filter, AppenderBridge bridge,
      Set<String> contextKeys, Property[] properties) {
    super(name, filter, null, true, properties);
    this.bridge = bridge;
    this.contextKeys = contextKeys;
  }

  /** Returns the builder Log4j2 uses for {@code <ObsKit>} elements. */
  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Returns the pipeline this appender writes to, once known. */
  public Optional<Telemetry> telemetry() {
    return bridge.telemetry();
  }

  /**
   * Starts the pipeline; a bad setting or an unusable buffer disables only this appender (the
   * error names the key and the valid values), never the rest of the logging configuration.
   */
  @Override
  public void start() {
    try {
      bridge.start();
    } catch (RuntimeException | LinkageError e) {
      error("ObsKit appender '" + getName() + "' not started: " + e.getMessage(), e);
      return;
    }
    bridge.degradedReasons().forEach(r -> LOGGER.warn("ObsKit appender '{}': {}", getName(), r));
    super.start();
  }

  @Override
  public boolean stop(long timeout, TimeUnit unit) {
    setStopping();
    bridge.stop();
    setStopped();
    return true;
  }

  @Override
  public void append(LogEvent event) {
    if (SelfDiagnostics.mustDivert(event.getLoggerName())) {
      Message m = event.getMessage();
      SelfDiagnostics.record(severity(event.getLevel()), event.getLoggerName(),
          m == null ? "" : m.getFormattedMessage());
      return;
    }
    try {
      bridge.emit(toEvent(event));
    } catch (RuntimeException e) {
      error("ObsKit appender failed to capture an event", event, e);
    }
  }

  TelemetryEvent toEvent(LogEvent e) {
    Instant at = e.getInstant();
    Message message = e.getMessage();
    TelemetryEvent ev = new TelemetryEvent()
        .setEpochNanos(at.getEpochSecond() * 1_000_000_000L + at.getNanoOfSecond())
        .setSeverity(severity(e.getLevel()))
        .setLogger(e.getLoggerName())
        .setThread(e.getThreadName())
        .setMessage(message == null ? "" : message.getFormattedMessage());
    Map<String, String> context = e.getContextData().toMap();
    if (contextKeys == null) {
      context.forEach(ev::putAttribute);
    } else {
      contextKeys.forEach(k -> ev.putAttribute(k, context.get(k)));
    }
    Marker marker = e.getMarker();
    if (marker != null) {
      List<String> names = new ArrayList<>();
      addMarker(marker, names);
      ev.setMarkers(names);
    }
    if (message instanceof MapMessage) {
      ((MapMessage<?, ?>) message).forEach((k, v) -> ev.putAttribute(k, plain(v)));
    }
    if (e.getThrown() != null) {
      ev.setThrowable(e.getThrown());
    }
    TraceContext.capture(ev, context);
    return ev;
  }

  private static void addMarker(Marker m, List<String> names) {
    if (names.contains(m.getName()) || names.size() > 16) {
      return;
    }
    names.add(m.getName());
    if (m.hasParents()) {
      for (Marker p : m.getParents()) {
        addMarker(p, names);
      }
    }
  }

  private static Object plain(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    return String.valueOf(v);
  }

  static Severity severity(Level level) {
    if (level.isMoreSpecificThan(Level.FATAL)) {
      return Severity.FATAL;
    }
    if (level.isMoreSpecificThan(Level.ERROR)) {
      return Severity.ERROR;
    }
    if (level.isMoreSpecificThan(Level.WARN)) {
      return Severity.WARN;
    }
    if (level.isMoreSpecificThan(Level.INFO)) {
      return Severity.INFO;
    }
    return level.isMoreSpecificThan(Level.DEBUG) ? Severity.DEBUG : Severity.TRACE;
  }

  /** Builder bound to the {@code <ObsKit>} element's attributes. */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<ObsKitLog4j2Appender> {
    private static final String P = TelemetryProperties.PREFIX;

    @PluginBuilderAttribute
    private String name;
    @PluginBuilderAttribute
    private String pipeline = TelemetryConfig.DEFAULT_NAME;
    @PluginBuilderAttribute
    private String dir;
    @PluginBuilderAttribute
    private String sinks;
    @PluginBuilderAttribute
    private String bufferType;
    @PluginBuilderAttribute
    private String maxBufferSize;
    @PluginBuilderAttribute
    private String minFreeDisk;
    @PluginBuilderAttribute
    private String overflow;
    @PluginBuilderAttribute
    private String betterStackUrl;
    @PluginBuilderAttribute(sensitive = true)
    private String betterStackToken;
    @PluginBuilderAttribute
    private String otlpEndpoint;
    @PluginBuilderAttribute
    private String serviceName;
    @PluginBuilderAttribute
    private String clickHouseUrl;
    @PluginBuilderAttribute
    private String fileDir;
    @PluginBuilderAttribute
    private String contextKeys;
    @PluginBuilderAttribute
    private String scrub;
    @PluginBuilderAttribute
    private String minLevel;
    @PluginBuilderAttribute
    private String shutdownTimeout = "5s";
    @PluginElement("Filter")
    private Filter filter;
    @PluginElement("Properties")
    private Property[] properties;
    @PluginElement("Layout")
    private Layout<? extends Serializable> layout;

    Builder() {}

    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    public Builder setPipeline(String pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    public Builder setDir(String dir) {
      this.dir = dir;
      return this;
    }

    public Builder setSinks(String sinks) {
      this.sinks = sinks;
      return this;
    }

    public Builder setContextKeys(String contextKeys) {
      this.contextKeys = contextKeys;
      return this;
    }

    public Builder setBufferType(String bufferType) {
      this.bufferType = bufferType;
      return this;
    }

    public Builder setMaxBufferSize(String maxBufferSize) {
      this.maxBufferSize = maxBufferSize;
      return this;
    }

    public Builder setMinFreeDisk(String minFreeDisk) {
      this.minFreeDisk = minFreeDisk;
      return this;
    }

    public Builder setOverflow(String overflow) {
      this.overflow = overflow;
      return this;
    }

    public Builder setBetterStackUrl(String betterStackUrl) {
      this.betterStackUrl = betterStackUrl;
      return this;
    }

    public Builder setBetterStackToken(String betterStackToken) {
      this.betterStackToken = betterStackToken;
      return this;
    }

    public Builder setOtlpEndpoint(String otlpEndpoint) {
      this.otlpEndpoint = otlpEndpoint;
      return this;
    }

    public Builder setServiceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    public Builder setClickHouseUrl(String clickHouseUrl) {
      this.clickHouseUrl = clickHouseUrl;
      return this;
    }

    public Builder setFileDir(String fileDir) {
      this.fileDir = fileDir;
      return this;
    }

    /** {@code true} (default) redacts PII with the core scrubber before buffering. */
    public Builder setScrub(String scrub) {
      this.scrub = scrub;
      return this;
    }

    /** Drops events below this level before buffering. */
    public Builder setMinLevel(String minLevel) {
      this.minLevel = minLevel;
      return this;
    }

    public Builder setShutdownTimeout(String shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    @Override
    public ObsKitLog4j2Appender build() {
      Map<String, String> settings = new LinkedHashMap<>();
      put(settings, P + ".dir", dir);
      put(settings, P + ".sinks", sinks);
      put(settings, P + ".buffer.type", bufferType);
      put(settings, P + ".buffer.max-bytes", maxBufferSize);
      put(settings, P + ".buffer.min-free-disk", minFreeDisk);
      put(settings, P + ".buffer.overflow", overflow);
      put(settings, P + ".sink.betterstack.url", betterStackUrl);
      put(settings, P + ".sink.betterstack.token", betterStackToken);
      put(settings, P + ".sink.otlp.endpoint", otlpEndpoint);
      put(settings, P + ".sink.otlp.service-name", serviceName);
      put(settings, P + ".sink.clickhouse.url", clickHouseUrl);
      put(settings, P + ".sink.file.dir", fileDir);
      put(settings, P + ".transform.scrub", scrub);
      put(settings, P + ".transform.min-level", minLevel);
      Map<String, String> extra = new HashMap<>();
      if (properties != null) {
        for (Property p : properties) {
          if (p.getName().startsWith(P + ".")) {
            extra.put(p.getName(), p.getValue());
          }
        }
      }
      settings.putAll(extra);
      Duration timeout = dev.obskit.core.config.ConfigProperties.of(Map.of("t", shutdownTimeout))
          .getDuration("t");
      String k = contextKeys == null ? "" : contextKeys.trim();
      Set<String> keys = k.isEmpty() || "*".equals(k) ? null : Set.of(k.split("\\s*,\\s*"));
      return new ObsKitLog4j2Appender(name, filter, new AppenderBridge(pipeline, settings, timeout),
          keys, properties);
    }

    private static void put(Map<String, String> m, String key, String value) {
      if (value != null && !value.isBlank()) {
        m.put(key, value);
      }
    }
  }
}
