package dev.obskit.errors.capture;

import dev.obskit.errors.event.Level;
import dev.obskit.errors.event.LogEntry;
import java.time.Duration;

/** Captures nothing; its scopes accept writes but nothing reads them. */
final class NoopErrorTracker implements ErrorTracker {
  static final NoopErrorTracker INSTANCE = new NoopErrorTracker();
  private static final TrackerStats ZERO = new TrackerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private final Scope scope = new Scope(0);

  private NoopErrorTracker() {}

  @Override
  public String capture(Throwable throwable, Level level) {
    return EMPTY_ID;
  }

  @Override
  public String captureLog(Level level, String logger, LogEntry message, Throwable throwable) {
    return EMPTY_ID;
  }

  @Override
  public Scope scope() {
    return scope;
  }

  @Override
  public Scope globalScope() {
    return scope;
  }

  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public TrackerStats stats() {
    return ZERO;
  }
}
