package dev.obskit.errors.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.capture.ErrorTrackers;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Logback appender that captures log events at or above {@code minimumEventLevel} (default
 * ERROR) as error events, with their Throwable, the message template, its parameters and the
 * logger name, and records events at or above {@code minimumBreadcrumbLevel} (default INFO) as
 * breadcrumbs of the logging thread. Captures go to {@link ErrorTrackers#global()} unless a tracker
 * is set. The Throwable is the same instance the host may capture elsewhere, so an error both
 * logged and captured is reported once. Never throws into the logging call; ObsKit's own loggers
 * are ignored so a failing tracker cannot feed itself.
 *
 * <pre>{@code
 * <appender name="OBS_ERRORS" class="dev.obskit.errors.logback.ObsErrorsAppender">
 *   <minimumEventLevel>ERROR</minimumEventLevel>
 *   <minimumBreadcrumbLevel>INFO</minimumBreadcrumbLevel>
 * </appender>
 * }</pre>
 */
public final class ObsErrorsAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private Level minimumEventLevel = Level.ERROR;
  private Level minimumBreadcrumbLevel = Level.INFO;
  private volatile ErrorTracker tracker;

  /** Sets the lowest level captured as an event, e.g. {@code ERROR} or {@code WARN}. */
  public void setMinimumEventLevel(String level) {
    this.minimumEventLevel = Level.toLevel(level, Level.ERROR);
  }

  /** Sets the lowest level recorded as a breadcrumb, e.g. {@code INFO}; {@code OFF} disables. */
  public void setMinimumBreadcrumbLevel(String level) {
    this.minimumBreadcrumbLevel = Level.toLevel(level, Level.INFO);
  }

  /** Sends captures to {@code tracker} instead of the global tracker. */
  public void setTracker(ErrorTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String logger = event.getLoggerName();
    if (logger != null && logger.startsWith("dev.obskit.errors.")) {
      return;
    }
    try {
      ErrorTracker t = tracker != null ? tracker : ErrorTrackers.global();
      Level level = event.getLevel();
      if (level.isGreaterOrEqual(minimumEventLevel)) {
        t.captureLog(toLevel(level), logger, logEntry(event), throwable(event.getThrowableProxy()));
      } else if (level.isGreaterOrEqual(minimumBreadcrumbLevel)) {
        t.addBreadcrumb(new Breadcrumb(Instant.ofEpochMilli(event.getTimeStamp()), "default", logger,
            event.getFormattedMessage(), toLevel(level), Map.of()));
      }
    } catch (RuntimeException e) {
      addError("ObsKit error capture failed", e);
    }
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
