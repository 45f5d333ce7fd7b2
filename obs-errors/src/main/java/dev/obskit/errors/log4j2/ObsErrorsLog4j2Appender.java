package dev.obskit.errors.log4j2;

import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.capture.AppenderGate;
import dev.obskit.errors.capture.LogContext;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * A Log4j2 appender that captures log events at or above {@code minimumEventLevel} (default ERROR)
 * as error events with their Throwable, message format and parameters, and records events at or
 * above {@code minimumBreadcrumbLevel} (default INFO) as breadcrumbs. Captures go to {@link
 * dev.obskit.errors.capture.ErrorTrackers#global()} unless a tracker is set. Never throws into the
 * logging call. Loggers of ObsKit and its dependencies ({@link
 * dev.obskit.errors.capture.AppenderGate#IGNORED_LOGGER_PREFIXES}) are never captured. While no
 * errors module is started, the first event warns once through Log4j2's status logger and {@link
 * #getCaptureStatus()} says so.
 *
 * <p>A captured event also carries the ThreadContext entries as tags (all of them, or only the keys
 * listed in {@code contextTags}; the others go to the event's {@code MDC} context), the marker as
 * the {@code marker} tag, and the logging thread's name in the {@code thread} context (right even
 * with asynchronous loggers). Bounds are those of {@link LogContext}.
 *
 * <pre>{@code
 * <Appenders>
 *   <ObsErrors name="obs" minimumEventLevel="ERROR" minimumBreadcrumbLevel="INFO"
 *              contextTags="requestId,tenant"/>   <!-- contextTags optional; default: all -->
 * </Appenders>
 * }</pre>
 */
@Plugin(name = "ObsErrors", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class ObsErrorsLog4j2Appender extends AbstractAppender {
  private final Level minimumEventLevel;
  private final Level minimumBreadcrumbLevel;
  private final Set<String> contextTags;
  private volatile ErrorTracker tracker;
  private final AppenderGate gate = new AppenderGate();

  private ObsErrorsLog4j2Appender(String name, Level minimumEventLevel, Level minimumBreadcrumbLevel,
      Set<String> contextTags) {
    super(name, null, null, true, Property.EMPTY_ARRAY);
    this.minimumEventLevel = minimumEventLevel;
    this.minimumBreadcrumbLevel = minimumBreadcrumbLevel;
    this.contextTags = contextTags;
  }

  /** Returns the ThreadContext keys that become tags; empty means all. */
  public Set<String> contextTags() {
    return contextTags;
  }

  /** Returns a builder; Log4j2 calls it when reading configuration. */
  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns whether events are captured: false while no errors module is started (the first
   * such event also warns once in the logging framework's status).
   */
  public boolean isCapturing() {
    return gate.isCapturing();
  }

  /** Returns a one-line status: capturing, or why not and how many events were missed. */
  public String getCaptureStatus() {
    return gate.status();
  }

  /** Sends captures to {@code tracker} instead of the global tracker. */
  public void setTracker(ErrorTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void append(LogEvent event) {
    String logger = event.getLoggerName();
    if (AppenderGate.ignores(logger)) {
      return;
    }
    try {
      ErrorTracker t = gate.tracker(tracker, this::warnOnce);
      if (t == null) {
        return;
      }
      Level level = event.getLevel();
      Message message = event.getMessage();
      if (level.isMoreSpecificThan(minimumEventLevel)) {
        t.captureLog(toLevel(level), logger, logEntry(message, event.getThrown()), event.getThrown(),
            context(event));
      } else if (level.isMoreSpecificThan(minimumBreadcrumbLevel)) {
        t.addBreadcrumb(new Breadcrumb(Instant.ofEpochMilli(event.getTimeMillis()), "default", logger,
            message == null ? null : message.getFormattedMessage(), toLevel(level), Map.of()));
      }
    } catch (RuntimeException e) {
      error("ObsKit error capture failed", event, e);
    }
  }

  private void warnOnce(String message) {
    LOGGER.warn("{}: {}", getName(), message); // Log4j2's status logger
  }

  private LogContext context(LogEvent event) {
    LogContext.Builder b = LogContext.builder(contextTags, event.getThreadName());
    ReadOnlyStringMap data = event.getContextData();
    if (data != null && !data.isEmpty()) {
      data.forEach(b::put);
    }
    Marker marker = event.getMarker();
    if (marker != null) {
      b.markers(List.of(marker.getName()));
    }
    return b.build();
  }

  private static LogEntry logEntry(Message message, Throwable thrown) {
    if (message == null) {
      return LogEntry.formatted("");
    }
    List<String> params = new ArrayList<>();
    Object[] args = message.getParameters();
    if (args != null) {
      for (Object a : args) {
        // Log4j keeps a trailing Throwable among the parameters; it is the exception, not a value.
        if (a != thrown || a == null) {
          params.add(String.valueOf(a));
        }
      }
    }
    // Message#getFormat is deprecated in Log4j 2.24+ with no replacement on the interface, so the
    // formatted text is used; grouping parameterises its ids and numbers.
    return new LogEntry(null, params, message.getFormattedMessage());
  }

  static dev.obskit.errors.event.Level toLevel(Level level) {
    if (level.isMoreSpecificThan(Level.FATAL)) {
      return dev.obskit.errors.event.Level.FATAL;
    }
    if (level.isMoreSpecificThan(Level.ERROR)) {
      return dev.obskit.errors.event.Level.ERROR;
    }
    if (level.isMoreSpecificThan(Level.WARN)) {
      return dev.obskit.errors.event.Level.WARNING;
    }
    return level.isMoreSpecificThan(Level.INFO) ? dev.obskit.errors.event.Level.INFO
        : dev.obskit.errors.event.Level.DEBUG;
  }

  /** Builds the appender from configuration attributes. Not thread-safe. */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<ObsErrorsLog4j2Appender> {
    @PluginBuilderAttribute
    private String name = "ObsErrors";
    @PluginBuilderAttribute
    private String minimumEventLevel = "ERROR";
    @PluginBuilderAttribute
    private String minimumBreadcrumbLevel = "INFO";
    @PluginBuilderAttribute
    private String contextTags = "";

    Builder() {}

    /** Sets the appender name. */
    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    /** Sets the lowest level captured as an event. */
    public Builder setMinimumEventLevel(String level) {
      this.minimumEventLevel = level;
      return this;
    }

    /** Sets the lowest level recorded as a breadcrumb. */
    public Builder setMinimumBreadcrumbLevel(String level) {
      this.minimumBreadcrumbLevel = level;
      return this;
    }

    /**
     * Sets the ThreadContext keys that become tags, comma-separated; the other entries go to the
     * event's {@code MDC} context. Blank (the default) makes every entry a tag.
     */
    public Builder setContextTags(String keys) {
      this.contextTags = keys;
      return this;
    }

    @Override
    public ObsErrorsLog4j2Appender build() {
      return new ObsErrorsLog4j2Appender(name, Level.toLevel(minimumEventLevel, Level.ERROR),
          Level.toLevel(minimumBreadcrumbLevel, Level.INFO), LogContext.parseKeys(contextTags));
    }
  }
}
