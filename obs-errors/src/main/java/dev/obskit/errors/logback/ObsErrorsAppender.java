package dev.obskit.errors.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.capture.AppenderGate;
import dev.obskit.errors.capture.LogContext;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Marker;

/**
 * A Logback appender that captures log events at or above {@code minimumEventLevel} (default
 * ERROR) as error events, with their Throwable, the message template, its parameters and the
 * logger name, and records events at or above {@code minimumBreadcrumbLevel} (default INFO) as
 * breadcrumbs of the logging thread. Captures go to {@link dev.obskit.errors.capture.ErrorTrackers#global()} unless a tracker
 * is set.
 *
 * <p>A captured event also carries, as sentry-logback's do: the MDC entries as tags (all of them,
 * or only the keys listed in {@code contextTags}; the others go to the event's {@code MDC} context),
 * the event's markers as the {@code marker} tag (names joined by commas), and the logging thread's
 * name in the {@code thread} context (right even behind an {@code AsyncAppender}). Bounds are those
 * of {@link LogContext}. The Throwable is the same instance the host may capture elsewhere, so an error both
 * logged and captured is reported once. Never throws into the logging call. Loggers of ObsKit and
 * its dependencies ({@link AppenderGate#IGNORED_LOGGER_PREFIXES}) are never captured. While no
 * errors module is started, the first event adds a warning to Logback's status and {@link
 * #getCaptureStatus()} says so.
 *
 * <pre>{@code
 * <appender name="OBS_ERRORS" class="dev.obskit.errors.logback.ObsErrorsAppender">
 *   <minimumEventLevel>ERROR</minimumEventLevel>
 *   <minimumBreadcrumbLevel>INFO</minimumBreadcrumbLevel>
 *   <contextTags>requestId,tenant</contextTags>   <!-- optional; default: every MDC entry -->
 * </appender>
 * }</pre>
 */
public final class ObsErrorsAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private Level minimumEventLevel = Level.ERROR;
  private Level minimumBreadcrumbLevel = Level.INFO;
  private volatile Set<String> contextTags = Set.of();
  private volatile ErrorTracker tracker;
  private final AppenderGate gate = new AppenderGate();

  /** Sets the lowest level captured as an event, e.g. {@code ERROR} or {@code WARN}. */
  public void setMinimumEventLevel(String level) {
    this.minimumEventLevel = Level.toLevel(level, Level.ERROR);
  }

  /** Sets the lowest level recorded as a breadcrumb, e.g. {@code INFO}; {@code OFF} disables. */
  public void setMinimumBreadcrumbLevel(String level) {
    this.minimumBreadcrumbLevel = Level.toLevel(level, Level.INFO);
  }

  /**
   * Sets the MDC keys that become tags, comma-separated; the other MDC entries go to the event's
   * {@code MDC} context. Blank (the default) makes every MDC entry a tag.
   */
  public void setContextTags(String keys) {
    this.contextTags = LogContext.parseKeys(keys);
  }

  /** Adds one MDC key that becomes a tag (a repeated {@code <contextTag>} element). */
  public void addContextTag(String key) {
    Set<String> keys = new LinkedHashSet<>(contextTags);
    keys.addAll(LogContext.parseKeys(key));
    this.contextTags = Set.copyOf(keys);
  }

  /** Returns the MDC keys that become tags; empty means all. */
  public Set<String> getContextTags() {
    return contextTags;
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
  protected void append(ILoggingEvent event) {
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
      if (level.isGreaterOrEqual(minimumEventLevel)) {
        t.captureLog(toLevel(level), logger, logEntry(event), throwable(event.getThrowableProxy()),
            context(event));
      } else if (level.isGreaterOrEqual(minimumBreadcrumbLevel)) {
        t.addBreadcrumb(new Breadcrumb(Instant.ofEpochMilli(event.getTimeStamp()), "default", logger,
            event.getFormattedMessage(), toLevel(level), Map.of()));
      }
    } catch (RuntimeException e) {
      addError("ObsKit error capture failed", e);
    }
  }

  private void warnOnce(String message) {
    addWarn(message); // Logback's status manager: shown by the status listener and in logs
  }

  private static LogEntry logEntry(ILoggingEvent event) {
    Object[] args = event.getArgumentArray();
    List<String> params = new ArrayList<>();
    if (args != null) {
      for (Object a : args) {
        params.add(String.valueOf(a));
      }
    }
    return new LogEntry(event.getMessage(), params, event.getFormattedMessage());
  }

  private LogContext context(ILoggingEvent event) {
    LogContext.Builder b = LogContext.builder(contextTags, event.getThreadName());
    try {
      b.putAll(event.getMDCPropertyMap());
    } catch (RuntimeException e) {
      // A LoggerContext created without an MDC adapter throws here; the error still counts.
      addWarn("MDC unavailable; capturing without MDC tags", e);
    }
    List<Marker> markers = event.getMarkerList();
    if (markers != null && !markers.isEmpty()) {
      List<String> names = new ArrayList<>(markers.size());
      for (Marker m : markers) {
        names.add(m.getName());
      }
      b.markers(names);
    }
    return b.build();
  }

  private static Throwable throwable(IThrowableProxy proxy) {
    return proxy instanceof ThrowableProxy tp ? tp.getThrowable() : null;
  }

  static dev.obskit.errors.event.Level toLevel(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return dev.obskit.errors.event.Level.ERROR;
    }
    if (level.isGreaterOrEqual(Level.WARN)) {
      return dev.obskit.errors.event.Level.WARNING;
    }
    return level.isGreaterOrEqual(Level.INFO) ? dev.obskit.errors.event.Level.INFO
        : dev.obskit.errors.event.Level.DEBUG;
  }
}
