package dev.obskit.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * ObsKit telemetry's own log, kept apart from the pipeline it describes. Log events that must not
 * be fed back into the pipeline go here instead: events logged on a thread that is inside
 * ObsKit's append path (Chronicle logging while it grows a file, a transform that logs), events
 * logged on ObsKit's own threads (the senders' retry warnings), and events of ObsKit's and its
 * dependencies' loggers ({@code net.openhft}, {@code okhttp3}, {@code okio},
 * {@code dev.obskit.telemetry}). Shipping those through the same pipeline could loop (a failing
 * sink's warnings ship through the failing sink) or nest an append inside an append.
 *
 * <p>The channel is process-wide and bounded: the last {@link #CAPACITY} entries are kept, all are
 * counted. Counts appear in {@link TelemetryStats#selfDiagnostics()}; {@link #recent()} returns
 * the entries. Thread-safe; recording never blocks beyond a short lock and never throws.
 */
public final class SelfDiagnostics {
  /** How many recent entries are kept. */
  public static final int CAPACITY = 256;
  private static final String[] OWN_LOGGER_PREFIXES = {
      "net.openhft.", "okhttp3.", "okio.", "dev.obskit.telemetry."};
  private static final String OWN_THREAD_PREFIX = "obskit-telemetry";
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private static final Entry[] ring = new Entry[CAPACITY];
  private static long next;
  private static final LongAdder recorded = new LongAdder();
  private static final LongAdder warnings = new LongAdder();

  private SelfDiagnostics() {}

  /**
   * One diverted log event.
   *
   * @param epochMillis when it was recorded
   * @param severity its level
   * @param logger its logger
   * @param message its text (cut at 2,000 characters)
   */
  public record Entry(long epochMillis, Severity severity, String logger, String message) {}

  /**
   * Returns true if an event of {@code loggerName}, logged on the current thread, must go to this
   * channel rather than into a pipeline. Cheap: a thread-local read and a few prefix checks.
   */
  public static boolean mustDivert(String loggerName) {
    return isInsidePipeline() || isOwnLogger(loggerName)
        || Thread.currentThread().getName().startsWith(OWN_THREAD_PREFIX);
  }

  /** Returns true if the current thread is inside a pipeline's emit/append. */
  public static boolean isInsidePipeline() {
    return DEPTH.get()[0] > 0;
  }

  static boolean isOwnLogger(String name) {
    if (name == null) {
      return false;
    }
    for (String p : OWN_LOGGER_PREFIXES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Marks the current thread as inside a pipeline; returns false if it already was (nested). */
  static boolean enter() {
    int[] d = DEPTH.get();
    return d[0]++ == 0;
  }

  static void exit() {
    DEPTH.get()[0]--;
  }

  /** Records a diverted event; never throws. */
  public static void record(Severity severity, String logger, String message) {
    String text = message == null ? "" : message.length() > 2000 ? message.substring(0, 2000) : message;
    Entry e = new Entry(System.currentTimeMillis(), severity, logger == null ? "" : logger, text);
    recorded.increment();
    if (severity.compareTo(Severity.WARN) >= 0) {
      warnings.increment();
    }
    synchronized (ring) {
      ring[(int) (next++ % CAPACITY)] = e;
    }
  }

  /** Returns how many events were diverted here since the JVM started. */
  public static long recorded() {
    return recorded.sum();
  }

  /** Returns how many of them were WARN or above. */
  public static long warnings() {
    return warnings.sum();
  }

  /** Returns the last (up to {@link #CAPACITY}) entries, oldest first. */
  public static List<Entry> recent() {
    synchronized (ring) {
      int n = (int) Math.min(next, CAPACITY);
      List<Entry> out = new ArrayList<>(n);
      for (long i = next - n; i < next; i++) {
        out.add(ring[(int) (i % CAPACITY)]);
      }
      return out;
    }
  }
}
