package dev.obskit.errors.capture;

import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.event.LogEntry;
import java.time.Clock;
import java.time.Duration;

/**
 * Captures the host's own errors. Every method is cheap on the calling thread and never throws
 * and never blocks: sampling and deduplication are decided first, then the Throwable and an
 * immutable scope snapshot are queued; stack conversion, grouping and storing happen on a
 * background worker. When the queue is full the capture is dropped and counted in {@link
 * #stats()}. Thread-safe.
 */
public interface ErrorTracker {
  /** The id returned for a capture that was dropped (sampled out, duplicate, queue full, closed). */
  String EMPTY_ID = "00000000000000000000000000000000";

  /** Captures a Throwable at level error; returns the event id or {@link #EMPTY_ID}. */
  default String capture(Throwable throwable) {
    return capture(throwable, Level.ERROR);
  }

  /** Captures a Throwable at {@code level}. */
  String capture(Throwable throwable, Level level);

  /** Captures a message at level info. */
  default String captureMessage(String message) {
    return captureMessage(message, Level.INFO);
  }

  /** Captures a message at {@code level}. */
  default String captureMessage(String message, Level level) {
    return captureLog(level, null, LogEntry.formatted(message), null);
  }

  /**
   * Captures a log event (what the Logback and Log4j2 appenders call): a message with its template
   * and parameters, the logger name, and optionally a Throwable.
   */
  String captureLog(Level level, String logger, LogEntry message, Throwable throwable);

  /**
   * Captures a log event with what the logging framework knows besides the message: the logging
   * thread's name, tags from its context map and markers (they win over scope tags on a clash),
   * and the other context entries (the event's {@code MDC} context). {@code context} may be null.
   * The default ignores the context.
   */
  default String captureLog(Level level, String logger, LogEntry message, Throwable throwable,
      LogContext context) {
    return captureLog(level, logger, message, throwable);
  }

  /** Returns the calling thread's scope (tags, user, breadcrumbs for this thread's captures). */
  Scope scope();

  /** Returns the scope shared by every thread; thread scopes win on conflicts. */
  Scope globalScope();

  /** Adds a breadcrumb to the calling thread's scope. */
  default void addBreadcrumb(Breadcrumb breadcrumb) {
    scope().addBreadcrumb(breadcrumb);
  }

  /** Waits up to {@code timeout} until every queued capture is processed; returns whether it was. */
  boolean flush(Duration timeout);

  /** Returns counters of what happened to captures. */
  TrackerStats stats();

  /**
   * Returns a handler capturing uncaught exceptions at level fatal (waiting up to two seconds for
   * the event to be processed) and then delegating to {@code previous}, or to the thread group
   * when {@code previous} is null.
   */
  default Thread.UncaughtExceptionHandler uncaughtExceptionHandler(Thread.UncaughtExceptionHandler previous) {
    return new UncaughtHandler(this, previous);
  }

  /** Returns a tracker that captures nothing. */
  static ErrorTracker noop() {
    return NoopErrorTracker.INSTANCE;
  }

  /**
   * Returns a tracker that converts captures into events and hands them to {@code sink} on its
   * own daemon worker thread. Call {@link AsyncErrorTracker#close(Duration)} to stop it.
   */
  static AsyncErrorTracker create(CaptureConfig config, Clock clock, CaptureSink sink) {
    return new AsyncErrorTracker(config, clock, sink);
  }

  /** Where an {@link ErrorTracker} delivers finished events; called on the worker thread only. */
  @FunctionalInterface
  interface CaptureSink {
    /** Processes one event; exceptions are caught, logged and counted as failed. */
    void accept(ErrorEvent event);
  }
}
