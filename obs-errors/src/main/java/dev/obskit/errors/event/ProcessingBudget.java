package dev.obskit.errors.event;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Objects;

/**
 * A per-request allowance of CPU time for parsing and grouping, checked cooperatively: the event
 * reader, the grouping engine and the message parameterizer call {@link #check()} as they go, and
 * once the calling thread has used more CPU than allowed since {@link #start}, the next check
 * throws {@link BudgetExceededException}. Uses the thread's CPU clock where the JVM offers one
 * (so a busy machine does not fail requests that are cheap), else the wall clock. Without a
 * started budget, checks do nothing (the capture worker runs unbudgeted). One budget per thread;
 * not shared between threads.
 */
public final class ProcessingBudget implements AutoCloseable {
  private static final ThreadLocal<ProcessingBudget> CURRENT = new ThreadLocal<>();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_CLOCK = cpuClockAvailable();
  /**
   * The clock is read once per this many check units (a thread CPU clock read costs about half a
   * microsecond); a check is otherwise a decrement. A unit is about a frame's worth of work.
   */
  private static final int CHECKS_PER_READ = 1024;

  private final long limitNanos;
  private final long startNanos;
  private int countdown = 1;

  private ProcessingBudget(long limitNanos) {
    this.limitNanos = limitNanos;
    this.startNanos = now();
  }

  /** Starts a budget of {@code limit} for the calling thread; close it when the request ends. */
  public static ProcessingBudget start(Duration limit) {
    Objects.requireNonNull(limit, "limit");
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    ProcessingBudget budget = new ProcessingBudget(limit.toNanos());
    CURRENT.set(budget);
    return budget;
  }

  /**
   * Throws {@link BudgetExceededException} when the calling thread's budget is used up; does
   * nothing when none is started. Cheap enough to call per frame.
   */
  public static void check() {
    check(1);
  }

  /** Like {@link #check()} for work worth {@code units} checks (e.g. one per 256 characters). */
  public static void check(int units) {
    ProcessingBudget budget = CURRENT.get();
    if (budget != null && (budget.countdown -= units) <= 0) {
      budget.countdown = CHECKS_PER_READ;
      long used = now() - budget.startNanos;
      if (used > budget.limitNanos) {
        throw new BudgetExceededException(Duration.ofNanos(budget.limitNanos), CPU_CLOCK);
      }
    }
  }

  /** Ends the calling thread's budget. */
  @Override
  public void close() {
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
  }

  private static long now() {
    return CPU_CLOCK ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  private static boolean cpuClockAvailable() {
    try {
      return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
          && THREADS.getCurrentThreadCpuTime() >= 0;
    } catch (UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** Thrown by {@link #check()} once the budget is used up. */
  public static final class BudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceededException(Duration limit, boolean cpu) {
      super("request exceeded its processing budget of " + limit.toMillis() + " ms of "
          + (cpu ? "CPU" : "wall-clock") + " time; processing stopped", null, false, false);
    }
  }
}
