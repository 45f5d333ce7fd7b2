package dev.obskit.errors.capture;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the Logback and Log4j2 appenders share: which loggers never become issues (ObsKit's own and
 * its dependencies', whose routine ERROR lines are not the host's errors, and which could feed a
 * failing tracker with its own failures), and the once-only warning when events arrive while no
 * errors module has installed a tracker (they would otherwise vanish silently). Thread-safe.
 */
public final class AppenderGate {
  /** Logger name prefixes never captured, as events or breadcrumbs. */
  public static final List<String> IGNORED_LOGGER_PREFIXES = List.of(
      "dev.obskit.", "net.openhft.", "okhttp3.", "io.sentry.");

  /** The status text while no errors module has started. */
  public static final String NO_TRACKER = "no ObsKit errors module is started: log events are not"
      + " captured (start ObsKit with ErrorsModule, or set a tracker on the appender)";

  private final AtomicBoolean warned = new AtomicBoolean();
  private final AtomicLong missed = new AtomicLong();
  private volatile boolean capturing;

  /** Returns whether events of {@code loggerName} are never captured. */
  public static boolean ignores(String loggerName) {
    if (loggerName == null) {
      return false;
    }
    for (String prefix : IGNORED_LOGGER_PREFIXES) {
      if (loggerName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the tracker to send to ({@code explicit}, else the global one), or null when it is
   * the no-op tracker; the first time, {@code warn} receives {@link #NO_TRACKER} (the appender
   * puts it in its framework's status).
   */
  public ErrorTracker tracker(ErrorTracker explicit, Consumer<String> warn) {
    ErrorTracker t = explicit != null ? explicit : ErrorTrackers.global();
    if (t == ErrorTracker.noop()) {
      capturing = false;
      missed.incrementAndGet();
      if (warned.compareAndSet(false, true)) {
        warn.accept(NO_TRACKER);
      }
      return null;
    }
    capturing = true;
    return t;
  }

  /** Returns whether the last event went to a real tracker. */
  public boolean isCapturing() {
    return capturing;
  }

  /** Returns the events that arrived while no tracker was installed. */
  public long missedEvents() {
    return missed.get();
  }

  /** Returns a one-line status: capturing, or why not and how many events were missed. */
  public String status() {
    if (capturing) {
      return "capturing";
    }
    long n = missed.get();
    return n == 0 ? "no events yet" : NO_TRACKER + "; " + n + " events missed";
  }
}
