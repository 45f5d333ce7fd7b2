package dev.obskit.uptime.schedule;

import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.SkipCause;
import java.util.concurrent.CompletableFuture;

/**
 * Starts one probe of a monitor and handles its result; the returned future completes (normally)
 * once the result has been applied. Must not block: the scheduler thread calls it.
 */
@FunctionalInterface
public interface ProbeLauncher {
  /** Starts a probe of {@code monitor}. */
  CompletableFuture<?> launch(Monitor monitor);

  /** Reports a due check that was not run because of {@code cause}. Must not block. Default: ignore. */
  default void skipped(Monitor monitor, SkipCause cause) {}
}
