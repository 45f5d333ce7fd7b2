package dev.obskit.core;

import dev.obskit.core.ShutdownReport.ModuleShutdown;
import dev.obskit.core.ShutdownReport.Outcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one module's shutdown on its own daemon thread and waits at most its budget, so a module
 * that hangs cannot hold the host's shutdown hostage.
 */
final class ModuleStopper {
  private ModuleStopper() {}

  static ModuleShutdown stop(ObsModule module, Duration budget) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        module.shutdown(budget);
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "obskit-shutdown-" + module.name());
    thread.setDaemon(true);
    long start = System.nanoTime();
    thread.start();
    try {
      thread.join(Math.max(1, budget.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (thread.isAlive()) {
      thread.interrupt();
      return new ModuleShutdown(module.name(), Outcome.TIMED_OUT, elapsed,
          "still running after " + budget.toMillis() + " ms");
    }
    RuntimeException error = failure.get();
    if (error != null) {
      return new ModuleShutdown(module.name(), Outcome.FAILED, elapsed, String.valueOf(error));
    }
    return new ModuleShutdown(module.name(), Outcome.STOPPED, elapsed, "");
  }
}
