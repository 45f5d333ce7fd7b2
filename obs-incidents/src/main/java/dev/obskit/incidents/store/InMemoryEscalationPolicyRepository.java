package dev.obskit.incidents.store;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.InMemoryAggregateStore;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationPolicyRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The in-memory {@link EscalationPolicyRepository}. Thread-safe. */
public final class InMemoryEscalationPolicyRepository implements EscalationPolicyRepository {
  private final InMemoryAggregateStore<EscalationPolicyId, EscalationPolicy> store =
      new InMemoryAggregateStore<>();

  @Override
  public EscalationPolicy add(EscalationPolicy policy) {
    return store.insert(policy);
  }

  @Override
  public EscalationPolicy update(EscalationPolicy next) {
    return store.update(next);
  }

  @Override
  public Optional<EscalationPolicy> find(TeamId teamId, EscalationPolicyId id) {
    return store.find(teamId, id);
  }

  @Override
  public List<EscalationPolicy> list(TeamId teamId) {
    List<EscalationPolicy> all = store.listAll(teamId, p -> true);
    all.sort(Comparator.comparing(EscalationPolicy::name));
    return all;
  }
}
