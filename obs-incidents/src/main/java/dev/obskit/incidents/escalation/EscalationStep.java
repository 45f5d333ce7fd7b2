package dev.obskit.incidents.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a policy: page all {@code targets} together, then wait {@code waitBeforeNext} for an
 * acknowledgement before the next step; or, for a branching step, hand the incident over to the
 * branch's policy when its condition holds and go on at once when it does not. Immutable.
 *
 * @param targets whom to page, at least one unless the step branches (then none)
 * @param waitBeforeNext delay before the next step (or the repeat), 0 to 7 days
 * @param branch the condition of a branching step, else empty
 */
public record EscalationStep(List<EscalationTarget> targets, Duration waitBeforeNext,
    Optional<EscalationBranch> branch) {
  /** Longest wait a step may have. */
  public static final Duration MAX_WAIT = Duration.ofDays(7);

  /** Validates the components. */
  public EscalationStep {
    targets = List.copyOf(targets);
    Objects.requireNonNull(branch, "branch");
    if (branch.isPresent() && !targets.isEmpty()) {
      throw new IllegalArgumentException("a branching step pages nobody itself, got targets " + targets);
    }
    if (branch.isEmpty() && targets.isEmpty()) {
      throw new IllegalArgumentException("an escalation step needs at least one target");
    }
    Objects.requireNonNull(waitBeforeNext, "waitBeforeNext");
    if (waitBeforeNext.isNegative() || waitBeforeNext.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("waitBeforeNext must be between 0 and " + MAX_WAIT
          + ", got " + waitBeforeNext);
    }
  }

  /** A paging step (the form before branching steps existed). */
  public EscalationStep(List<EscalationTarget> targets, Duration waitBeforeNext) {
    this(targets, waitBeforeNext, Optional.empty());
  }

  /** Returns a step paging {@code targets} then waiting {@code wait}. */
  public static EscalationStep of(Duration wait, EscalationTarget... targets) {
    return new EscalationStep(List.of(targets), wait);
  }

  /** Returns a branching step: hand over when {@code branch} holds, else the next step at once. */
  public static EscalationStep branching(EscalationBranch branch) {
    return new EscalationStep(List.of(), Duration.ZERO,
        Optional.of(Objects.requireNonNull(branch, "branch")));
  }
}
