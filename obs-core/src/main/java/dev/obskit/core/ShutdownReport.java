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

  /** Returns whether every module stopped cleanly within the deadline. */
  public boolean isClean() {
    return modules.stream().allMatch(m -> m.outcome() == Outcome.STOPPED);
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
