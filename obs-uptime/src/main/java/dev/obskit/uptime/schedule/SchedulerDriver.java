package dev.obskit.uptime.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link CheckScheduler} in real time on one daemon thread: each tick runs the due
 * checks and the periodic {@code housekeeping} (heartbeats, SLOs), then sleeps until the next due
 * time read from the clock, at most {@code maxSleep}. {@link #wake()} re-arms the tick early when
 * a monitor is added with an earlier due time. A tick that fails with any {@link Throwable},
 * {@link Error}s included, is logged and reported, and the next tick is armed anyway; a driver
 * thread that dies is replaced by the executor and reported. Thread-safe.
 */
public final class SchedulerDriver {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerDriver.class);
  /** Shortest pause after a failed tick, so a tick failing at once does not spin a core. */
  static final long FAILURE_BACKOFF_MILLIS = 10;

  private final Clock clock;
  private final CheckScheduler scheduler;
  private final Runnable housekeeping;
  private final Duration maxSleep;
  private final ScheduledExecutorService thread;
  private final Object lock = new Object();
  private ScheduledFuture<?> next;
  private long nextAt = Long.MAX_VALUE;
  private volatile boolean running;
  private final BiConsumer<String, Throwable> failures;

  /** Creates a driver that only logs failures; call {@link #start()}. */
  public SchedulerDriver(Clock clock, CheckScheduler scheduler, Runnable housekeeping,
      Duration maxSleep) {
    this(clock, scheduler, housekeeping, maxSleep, (what, e) -> { });
  }

  /**
   * Creates a driver; call {@link #start()}.
   *
   * @param failures told of every tick that failed (any {@link Throwable}, {@link Error}s
   *     included) and of every driver thread that died and was replaced; must not throw
   */
  public SchedulerDriver(Clock clock, CheckScheduler scheduler, Runnable housekeeping,
      Duration maxSleep, BiConsumer<String, Throwable> failures) {
    this.failures = Objects.requireNonNull(failures, "failures");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.housekeeping = Objects.requireNonNull(housekeeping, "housekeeping");
    this.maxSleep = Objects.requireNonNull(maxSleep, "maxSleep");
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "obs-uptime-scheduler");
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((dead, e) -> report("scheduler thread died; replaced", e));
      return t;
    });
  }

  /** Starts ticking. */
  public void start() {
    running = true;
    arm(0);
  }

  /** Re-arms the next tick if something became due earlier than planned. */
  public void wake() {
    if (!running) {
      return;
    }
    scheduler.nextDueMillis().ifPresent(due -> {
      synchronized (lock) {
        if (due < nextAt) {
          arm(Math.max(0, due - clock.millis()));
        }
      }
    });
  }

  /** Stops ticking and waits up to {@code timeout} for the current tick to end. */
  public void stop(Duration timeout) {
    running = false;
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("uptime scheduler thread did not stop within {}", timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One tick; re-arms itself whatever happens, {@link Error}s included. */
  private void tick() {
    if (!running) {
      return;
    }
    long sleep = maxSleep.toMillis();
    try {
      scheduler.runDue();
      housekeeping.run();
      long now = clock.millis();
      sleep = scheduler.nextDueMillis().map(d -> d - now).orElse(sleep);
    } catch (Throwable e) {
      report("scheduler tick failed; re-armed", e);
      sleep = Math.min(sleep, FAILURE_BACKOFF_MILLIS);
    } finally {
      arm(Math.max(1, Math.min(sleep, maxSleep.toMillis())));
    }
  }

  private void report(String what, Throwable e) {
    LOG.error("uptime {}", what, e);
    try {
      failures.accept(what, e);
    } catch (RuntimeException ex) {
      LOG.warn("reporting a scheduler failure failed", ex);
    }
  }

  private void arm(long delayMillis) {
    synchronized (lock) {
      if (!running) {
        return;
      }
      if (next != null) {
        next.cancel(false);
      }
      nextAt = clock.millis() + delayMillis;
      try {
        next = thread.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.debug("scheduler stopped while re-arming", e);
      }
    }
  }
}
