package dev.obskit.errors.capture;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide tracker that logging appenders configured from files (logback.xml,
 * log4j2.xml) use. The errors module installs its tracker here on start and removes it on
 * shutdown; until then the global tracker is the no-op one. Thread-safe.
 */
public final class ErrorTrackers {
  private static final AtomicReference<ErrorTracker> GLOBAL = new AtomicReference<>(ErrorTracker.noop());

  private ErrorTrackers() {}

  /** Returns the installed tracker, or the no-op tracker. */
  public static ErrorTracker global() {
    return GLOBAL.get();
  }

  /** Installs {@code tracker} as the global tracker. */
  public static void setGlobal(ErrorTracker tracker) {
    GLOBAL.set(Objects.requireNonNull(tracker, "tracker"));
  }

  /** Removes {@code tracker} if it is the installed one. */
  public static void clearGlobal(ErrorTracker tracker) {
    GLOBAL.compareAndSet(tracker, ErrorTracker.noop());
  }
}
