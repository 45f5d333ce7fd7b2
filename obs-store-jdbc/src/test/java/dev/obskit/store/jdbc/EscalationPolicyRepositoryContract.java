package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Urgency;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationPolicyRepository;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.store.InMemoryEscalationPolicyRepository;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link EscalationPolicyRepository}, run on memory, H2 and PostgreSQL. */
abstract class EscalationPolicyRepositoryContract extends ContractBase {
  EscalationPolicyRepository repo;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(EscalationPolicyRepository.class, InMemoryEscalationPolicyRepository::new);
    team = freshTeam();
  }

  static EscalationPolicy policy(TeamId t, String id, String name) {
    return EscalationPolicy.builder(t, EscalationPolicyId.of(id), name)
        .addStep(Duration.ofMinutes(5), new EscalationTarget.OnCall(ScheduleId.of("s")),
            new EscalationTarget.User(UserId.of("alice")))
        .addStep(Duration.ofMinutes(10), new EscalationTarget.Webhook(ChannelKind.WEBHOOK,
            "https://hooks.example/x", "ops"), new EscalationTarget.Team(t))
        .setRepeatCount(2).setUrgency(Severity.SEV3, Urgency.HIGH).build();
  }

  static EscalationPolicy next(EscalationPolicy p, String name) {
    return new EscalationPolicy(p.id(), p.teamId(), p.version() + 1, name, p.steps(),
        p.repeatCount(), p.urgencies());
  }

  @Test
  void addUpdateFind_roundTripsEveryStepTarget() {
    EscalationPolicy p = repo.add(policy(team, "p1", "Primary"));
    EscalationPolicy renamed = repo.update(next(p, "Renamed"));

    assertThat(repo.find(team, EscalationPolicyId.of("p1"))).contains(renamed);
  }

  @Test
  void duplicateStale_andTeamIsolation_andListByName() {
    EscalationPolicy p = repo.add(policy(team, "p1", "b-policy"));
    repo.add(policy(team, "p2", "a-policy"));
    repo.update(next(p, "c-policy"));

    assertThatThrownBy(() -> repo.add(policy(team, "p1", "x"))).isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> repo.update(next(p, "z"))).isInstanceOf(StaleVersionException.class);
    assertThat(repo.list(team)).extracting(EscalationPolicy::name).containsExactly("a-policy", "c-policy");
    assertThat(repo.list(freshTeam())).isEmpty();
    assertThat(repo.find(freshTeam(), EscalationPolicyId.of("p1"))).isEmpty();
  }
}
