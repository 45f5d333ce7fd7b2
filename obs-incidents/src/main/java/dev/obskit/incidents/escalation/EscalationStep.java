package dev.obskit.incidents.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One rule of a policy: page all {@code targets} together, then wait {@code waitBeforeNext} for an
 * acknowledgement before the next step. Immutable.
 *
 * @param targets whom to page, at least one
 * @param waitBeforeNext delay before the next step (or the repeat), 0 to 7 days
 */
public record EscalationStep(List<EscalationTarget> targets, Duration waitBeforeNext) {
  /** Longest wait a step may have. */
  public static final Duration MAX_WAIT = Duration.ofDays(7);

  /** Validates the components. */
  public EscalationStep {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("an escalation step needs at least one target");
    }
    Objects.requireNonNull(waitBeforeNext, "waitBeforeNext");
    if (waitBeforeNext.isNegative() || waitBeforeNext.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("waitBeforeNext must be between 0 and " + MAX_WAIT
          + ", got " + waitBeforeNext);
    }
  }

  /** Returns a step paging {@code targets} then waiting {@code wait}. */
  public static EscalationStep of(Duration wait, EscalationTarget... targets) {
    return new EscalationStep(List.of(targets), wait);
  }
}
