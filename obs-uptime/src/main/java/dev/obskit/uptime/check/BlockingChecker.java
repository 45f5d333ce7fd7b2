package dev.obskit.uptime.check;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base for checkers whose client library blocks (sockets, dnsjava, commons-net): the probe runs
 * on the module's bounded probe pool, every socket operation is bounded by the monitor's timeout,
 * and any exception becomes a DOWN result with a readable cause. A check the pool refuses (queue
 * full, shut down) is {@link CheckStatus#UNKNOWN}: that is ObsKit's trouble, not the target's.
 * Thread-safe.
 */
public abstract class BlockingChecker implements Checker {
  private static final Logger LOG = LoggerFactory.getLogger(BlockingChecker.class);

  private final Clock clock;
  private final Executor executor;

  /** Runs probes on {@code executor}, stamping them with {@code clock}. */
  protected BlockingChecker(Clock clock, Executor executor) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public final CompletableFuture<CheckResult> check(Monitor monitor) {
    Instant startedAt = clock.instant();
    try {
      return CompletableFuture.supplyAsync(() -> run(monitor, startedAt), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(CheckResult.unknown(startedAt,
          rejectionCause(executor), monitor.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " check of " + monitor.id().value() + " not run"));
    }
  }

  /** Tells a full queue from a shut-down pool from any other refusal. */
  static SkipCause rejectionCause(Executor executor) {
    if (executor instanceof java.util.concurrent.ThreadPoolExecutor pool) {
      if (pool.isShutdown()) {
        return SkipCause.SHUTDOWN;
      }
      if (pool.getQueue().remainingCapacity() == 0) {
        return SkipCause.PROBE_QUEUE_FULL;
      }
    } else if (executor instanceof java.util.concurrent.ExecutorService service
        && service.isShutdown()) {
      return SkipCause.SHUTDOWN;
    }
    return SkipCause.EXECUTOR_REJECTED;
  }

  private CheckResult run(Monitor monitor, Instant startedAt) {
    long start = System.nanoTime();
    try {
      return probe(monitor, startedAt, start);
    } catch (Exception e) {
      LOG.debug("probe of {} failed", monitor.id(), e);
      return CheckResult.down(startedAt, Timings.total(System.nanoTime() - start),
          Causes.describe(e, monitor.timeout()));
    }
  }

  /**
   * Probes {@code monitor} synchronously; may throw, which is reported as DOWN.
   *
   * @param startedAt clock time at which the check started
   * @param startNanos {@link System#nanoTime()} at the start, for timings
   */
  protected abstract CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws Exception;
}
