package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.escalation.EscalationBranch;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationPolicyRepository;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.oncall.Frequency;
import dev.obskit.incidents.oncall.Rotation;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleRepository;
import dev.obskit.incidents.store.InMemoryEscalationPolicyRepository;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's additions to the on-call and escalation records survive every store: branching steps
 * and a policy zone; rotations with a month-day filter, a week start and an until before the start.
 */
abstract class OnCallModelRoundTripContract extends ContractBase {

  @Test
  void branchingPolicy_roundTrips() {
    EscalationPolicyRepository repo = repository(EscalationPolicyRepository.class,
        InMemoryEscalationPolicyRepository::new);
    TeamId team = freshTeam();
    EscalationPolicy p = EscalationPolicy.builder(team, EscalationPolicyId.of("ops"), "Ops")
        .setZone(ZoneId.of("Europe/Paris"))
        .addBranch(new EscalationBranch.TimeWindow(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(18, 0), EscalationPolicyId.of("day")))
        .addBranch(new EscalationBranch.Metadata("tags", Set.of("db", "prod"),
            EscalationPolicyId.of("dba")))
        .addBranch(new EscalationBranch.SeverityIn(EnumSet.of(Severity.SEV1),
            EscalationPolicyId.of("critical")))
        .addStep(Duration.ofMinutes(5), new EscalationTarget.User(UserId.of("alice"))).build();

    repo.add(p);

    assertThat(repo.find(team, p.id())).contains(p);
  }

  @Test
  void rotationWithMonthDaysWeekStartAndEarlyUntil_roundTrips() {
    ScheduleRepository repo = repository(ScheduleRepository.class, ScheduleRepository::inMemory);
    TeamId team = freshTeam();
    Rotation monthly = Rotation.builder().setZone("Europe/Paris").addUsers(UserId.of("ann"))
        .setStart(LocalDate.of(2026, 2, 1), LocalTime.MIDNIGHT).setFrequency(Frequency.MONTHLY)
        .setByMonthDay(1, 2, -1).build();
    Rotation weekends = Rotation.builder().setZone("UTC").addUsers(UserId.of("bob"))
        .setStart(LocalDate.of(2026, 6, 6), LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
        .setInterval(2).setByDay(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
        .setWeekStart(DayOfWeek.SUNDAY).setUntil(java.time.LocalDateTime.of(2026, 1, 1, 0, 0))
        .build();
    Schedule s = Schedule.builder(team, ScheduleId.of("primary")).addLayer("monthly", 1, monthly)
        .addLayer("weekends", 1, weekends).build();

    repo.insert(s);

    assertThat(repo.find(team, s.id())).contains(s);
  }
}
