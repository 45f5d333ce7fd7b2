package dev.obskit.core;

import dev.obskit.core.ShutdownReport.ModuleShutdown;
import dev.obskit.core.ShutdownReport.Outcome;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one module's shutdown on its own daemon thread and waits at most its budget, so a module
 * that hangs cannot hold the host's shutdown hostage.
 *
 * <p>Failures are collected through the thread's uncaught-exception handler, so an {@link Error}
 * thrown by a module (an assertion, a missing class) is reported as {@link Outcome#FAILED} rather
 * than mistaken for a clean stop. The wait ignores interrupts until the budget is spent (and then
 * restores the interrupt flag): a host that closes the kit from an interrupted thread still gets
 * every module shut down, instead of every module abandoned at once.
 */
final class ModuleStopper {
  private ModuleStopper() {}

  static ModuleShutdown stop(ObsModule module, Duration budget) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> module.shutdown(budget), "obskit-shutdown-" + module.name());
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    long start = System.nanoTime();
    thread.start();
    boolean interrupted = joinUninterruptibly(thread, start + Math.max(
        TimeUnit.MILLISECONDS.toNanos(1), budget.toNanos()));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    try {
      if (thread.isAlive()) {
        thread.interrupt();
        return new ModuleShutdown(module.name(), Outcome.TIMED_OUT, elapsed,
            "still running after " + budget.toMillis() + " ms");
      }
      Throwable error = failure.get();
      if (error != null) {
        return new ModuleShutdown(module.name(), Outcome.FAILED, elapsed, String.valueOf(error));
      }
      return new ModuleShutdown(module.name(), Outcome.STOPPED, elapsed, "");
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for {@code thread} until {@code deadlineNanos}; returns whether we were interrupted. */
  private static boolean joinUninterruptibly(Thread thread, long deadlineNanos) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }
}
