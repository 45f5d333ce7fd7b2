package dev.obskit.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happened to each module when an {@link ObsKit} was closed. Immutable.
 *
 * @param modules one entry per module, in the order they were shut down
 * @param elapsed total time taken
 */
public record ShutdownReport(List<ModuleShutdown> modules, Duration elapsed) {
  /** Copies the list. */
  public ShutdownReport {
    modules = List.copyOf(modules);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * Returns whether no module failed or overran the deadline. Modules that were never started
   * (the kit was closed before {@code start()}, or an earlier module refused to start) count as
   * clean: there was nothing of theirs to stop.
   */
  public boolean isClean() {
    return modules.stream().allMatch(m -> m.outcome() == Outcome.STOPPED
        || m.outcome() == Outcome.NOT_STARTED);
  }

  /** How one module's shutdown ended. */
  public enum Outcome {
    /** Returned normally within its share of the deadline. */
    STOPPED,
    /** Still running when the deadline passed; abandoned. */
    TIMED_OUT,
    /** Threw. */
    FAILED,
    /** Never started, so not shut down. */
    NOT_STARTED
  }

  /**
   * One module's result.
   *
   * @param name the module name
   * @param outcome how it ended
   * @param elapsed time it took (or was given)
   * @param detail the error message when it failed, else empty
   */
  public record ModuleShutdown(String name, Outcome outcome, Duration elapsed, String detail) {}
}
