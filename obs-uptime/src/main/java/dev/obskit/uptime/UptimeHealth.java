package dev.obskit.uptime;

import dev.obskit.uptime.check.SkipCause;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The uptime module's own health: DEGRADED while checks could not run recently (probe queue
 * full, budget overrun, ...) or the scheduler had to recover from a failure, with one reason per
 * problem. Immutable.
 *
 * @param status HEALTHY or DEGRADED
 * @param at when it was computed
 * @param reasons why it is DEGRADED, one line each; empty when HEALTHY
 * @param uncheckedByCause checks that could not run since the module was created, per cause
 */
public record UptimeHealth(Status status, Instant at, List<String> reasons,
    Map<SkipCause, Long> uncheckedByCause) {
  /** Overall verdict. */
  public enum Status {
    /** Every due check ran and the scheduler is sound. */
    HEALTHY,
    /** ObsKit itself has trouble; see {@link UptimeHealth#reasons()}. */
    DEGRADED
  }

  /** Copies the collections. */
  public UptimeHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    reasons = List.copyOf(reasons);
    uncheckedByCause = Map.copyOf(uncheckedByCause);
  }
}
