package dev.obskit.incidents.escalation;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production driver: one daemon thread calling {@link EscalationEngine#tick()} every {@code
 * interval}. A failing tick is logged and the next one runs anyway. Thread-safe.
 */
public final class EscalationDriver implements AutoCloseable {
  /** Default interval between ticks. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(EscalationDriver.class);

  private final EscalationEngine engine;
  private final Duration interval;
  private final ScheduledExecutorService timer;

  /** Creates a stopped driver. */
  public EscalationDriver(EscalationEngine engine, Duration interval) {
    this.engine = Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 10) {
      throw new IllegalArgumentException("interval must be at least 10 ms, got " + interval);
    }
    this.interval = interval;
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "obskit-escalation");
      th.setDaemon(true);
      return th;
    });
    t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.timer = t;
  }

  /** Starts ticking. */
  public void start() {
    timer.scheduleWithFixedDelay(this::safeTick, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void safeTick() {
    try {
      engine.tick();
    } catch (RuntimeException e) {
      log.error("escalation tick failed; will try again in {}", interval, e);
    }
  }

  /** Stops ticking, waiting at most {@code timeout} for a running tick. */
  public void shutdown(Duration timeout) {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }
}
