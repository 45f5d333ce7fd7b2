package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.IncidentsRig.ALICE;
import static dev.obskit.incidents.IncidentsRig.BOB;
import static dev.obskit.incidents.IncidentsRig.CAROL;
import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.incidents.IncidentsRig;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.Severity;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalation to a schedule pages everyone the final schedule puts on call. */
class EscalationToScheduleTest {
  private static final ScheduleId PRIMARY = ScheduleId.of("primary");
  private static final EscalationPolicyId POLICY = EscalationPolicyId.of("ops");

  @Test
  void sameLevelOverlap_pagesBothUsers() {
    // The rig's clock reads 2026-03-02T09:00Z (a Monday). Two priority-1 layers, alice weekdays
    // from 08:00 UTC, bob every day from 00:00 UTC; carol at priority 0 is below them.
    ScheduleService schedules = ScheduleService.builder().build();
    Rotation alice = Rotation.builder().setZone("UTC").addUsers(ALICE)
        .setStart(LocalDate.of(2026, 3, 2), LocalTime.of(8, 0)).setFrequency(Frequency.DAILY)
        .setByDay(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.TUESDAY).build();
    Rotation bob = Rotation.builder().setZone("UTC").addUsers(BOB)
        .setStart(LocalDate.of(2026, 3, 1), LocalTime.MIDNIGHT).setFrequency(Frequency.DAILY).build();
    Rotation carol = bob.toBuilder().clearUsers().addUsers(CAROL).build();
    schedules.create(Schedule.builder(TEAM, PRIMARY).addLayer("A", 1, alice).addLayer("B", 1, bob)
        .addLayer("C", 0, carol).build());
    try (IncidentsRig rig = new IncidentsRig(Duration.ofMinutes(30), schedules)) {
      rig.policies.add(EscalationPolicy.builder(TEAM, POLICY, "Ops")
          .addStep(Duration.ofMinutes(15), new EscalationTarget.OnCall(PRIMARY)).build());

      rig.incidents.openOrMerge(new IncidentDraft(TEAM, "checkout down", Severity.SEV1, null,
          POLICY, "uptime:checkout", "alert", Map.of()));

      assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
      assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob");
      assertThat(rig.pagedVia(ChannelKind.EMAIL)).containsExactly("Alice");
    }
  }
}
