package dev.obskit.store.jdbc;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationPolicyRepository;
import java.util.List;
import java.util.Optional;

/** Escalation policies in {@code inc_policy}, steps in the body. Thread-safe. */
final class JdbcEscalationPolicyRepository implements EscalationPolicyRepository {
  private final AggregateTable<EscalationPolicy> policies;

  JdbcEscalationPolicyRepository(Db db) {
    this.policies = new AggregateTable<>(db, "inc_policy", EscalationPolicy.class,
        AggregateTable.columns(new AggregateTable.Column<>("name", EscalationPolicy::name)));
  }

  @Override
  public EscalationPolicy add(EscalationPolicy policy) {
    return policies.insert(policy);
  }

  @Override
  public EscalationPolicy update(EscalationPolicy next) {
    return policies.update(next);
  }

  @Override
  public Optional<EscalationPolicy> find(TeamId teamId, EscalationPolicyId id) {
    return policies.find(teamId, id);
  }

  @Override
  public List<EscalationPolicy> list(TeamId teamId) {
    return policies.select("team_id = ?", ps -> ps.setString(1, teamId.value()), "name, id");
  }
}
