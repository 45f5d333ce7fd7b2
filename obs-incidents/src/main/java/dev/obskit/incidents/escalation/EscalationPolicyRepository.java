package dev.obskit.incidents.escalation;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/** Stores escalation policies, team scoped and versioned. Thread-safe. */
public interface EscalationPolicyRepository {
  /** Adds a policy at version 1; throws {@link dev.obskit.core.store.DuplicateKeyException} if taken. */
  EscalationPolicy add(EscalationPolicy policy);

  /** Stores the next version (optimistic check). */
  EscalationPolicy update(EscalationPolicy next);

  /** Returns the team's policy. */
  Optional<EscalationPolicy> find(TeamId teamId, EscalationPolicyId id);

  /** Returns the team's policies sorted by name. */
  List<EscalationPolicy> list(TeamId teamId);
}
