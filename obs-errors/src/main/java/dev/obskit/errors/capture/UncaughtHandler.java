package dev.obskit.errors.capture;

import dev.obskit.errors.event.Level;
import java.time.Duration;

/** Captures an uncaught exception at level fatal, waits briefly, then delegates. */
final class UncaughtHandler implements Thread.UncaughtExceptionHandler {
  /** How long a dying thread waits for its event to be processed, sentry-java's shutdown flush. */
  static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);

  private final ErrorTracker tracker;
  private final Thread.UncaughtExceptionHandler previous;

  UncaughtHandler(ErrorTracker tracker, Thread.UncaughtExceptionHandler previous) {
    this.tracker = tracker;
    this.previous = previous;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable throwable) {
    if (tracker instanceof AsyncErrorTracker async) {
      async.captureUncaught(throwable);
    } else {
      tracker.capture(throwable, Level.FATAL);
    }
    tracker.flush(FLUSH_TIMEOUT);
    if (previous != null) {
      previous.uncaughtException(thread, throwable);
    } else if (thread.getThreadGroup() != null) {
      thread.getThreadGroup().uncaughtException(thread, throwable);
    }
  }
}
