package dev.obskit.incidents.incident;

import dev.obskit.core.id.EscalationPolicyId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an incident's escalation stands, stored on the incident so the due-work scan survives a
 * restart and a JDBC store can index {@code nextAt}. Immutable.
 *
 * @param policyId the policy being followed, or null when the incident has none
 * @param stepIndex the next step to run, 0-based
 * @param loop how many times the whole policy has already been repeated
 * @param nextAt when the next step is due, or null when nothing is due (acknowledged, resolved,
 *     exhausted, or no policy)
 * @param policyHops how many times escalation moved to another policy (bounded against cycles)
 * @param pages how many steps have run so far for this incident (numbers notifications)
 */
public record EscalationProgress(EscalationPolicyId policyId, int stepIndex, int loop,
    Instant nextAt, int policyHops, int pages) {

  /** Returns the progress of an incident without a policy: nothing ever due. */
  public static EscalationProgress none() {
    return new EscalationProgress(null, 0, 0, null, 0, 0);
  }

  /** Returns a fresh start of {@code policy}, first step due at {@code now}. */
  public static EscalationProgress start(EscalationPolicyId policy, Instant now) {
    return policy == null ? none() : new EscalationProgress(policy, 0, 0, now, 0, 0);
  }

  /** Returns this progress restarted from the first step, keeping the page counter. */
  public EscalationProgress restart(Instant now) {
    return policyId == null ? this : new EscalationProgress(policyId, 0, 0, now, policyHops, pages);
  }

  /** Returns this progress with nothing due. */
  public EscalationProgress stopped() {
    return new EscalationProgress(policyId, stepIndex, loop, null, policyHops, pages);
  }

  /** Returns whether a step is due at {@code now}. */
  public boolean isDue(Instant now) {
    return nextAt != null && !nextAt.isAfter(now);
  }

  /** Returns the policy, if any. */
  public Optional<EscalationPolicyId> policy() {
    return Optional.ofNullable(policyId);
  }
}
