package dev.obskit.incidents.escalation;

import static dev.obskit.incidents.IncidentsRig.ALICE;
import static dev.obskit.incidents.IncidentsRig.BOB;
import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.incidents.IncidentsRig;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.incident.TimelineEntry;
import dev.obskit.incidents.incident.TimelineEventType;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Branching steps (Better Stack's time and metadata branching): the branch is taken or not from
 * the policy's zone and the alert's metadata, and the outcome is on the timeline.
 */
class EscalationBranchTest {
  private static final EscalationPolicyId OPS = EscalationPolicyId.of("ops");
  private static final EscalationPolicyId DAY = EscalationPolicyId.of("day");
  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  private final IncidentsRig rig = new IncidentsRig();

  @AfterEach
  void close() {
    rig.close();
  }

  /** ops: business hours in Paris go to "day" (alice); otherwise the next step pages bob. */
  private void businessHoursPolicy(EscalationBranch branch) {
    rig.policies.add(EscalationPolicy.builder(TEAM, OPS, "Ops").setZone(ZoneId.of("Europe/Paris"))
        .addBranch(branch)
        .addStep(Duration.ofMinutes(10), new EscalationTarget.User(BOB)).build());
    rig.policies.add(EscalationPolicy.builder(TEAM, DAY, "Day")
        .addStep(Duration.ofMinutes(10), new EscalationTarget.User(ALICE)).build());
  }

  private Incident open(Severity severity, Map<String, String> details) {
    Incident opened = rig.incidents.openOrMerge(new IncidentDraft(TEAM, "checkout down", severity,
        null, OPS, "uptime:checkout:" + details.hashCode(), "alert", details)).incident().orElseThrow();
    rig.drain();
    return rig.repository.find(TEAM, opened.id()).orElseThrow();
  }

  private static TimelineEntry branchEntry(Incident incident) {
    return incident.entries(TimelineEventType.ESCALATION_BRANCHED).get(0);
  }

  @Test
  void timeBranch_insideBusinessHoursInThePolicyZone_handsOver() {
    // 2026-03-02T09:00Z is Monday 10:00 in Paris (CET).
    businessHoursPolicy(new EscalationBranch.TimeWindow(WEEKDAYS, LocalTime.of(9, 0),
        LocalTime.of(18, 0), DAY));

    Incident incident = open(Severity.SEV1, Map.of());

    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
    assertThat(rig.pagedVia(ChannelKind.VOICE)).isEmpty();
    TimelineEntry branch = branchEntry(incident);
    assertThat(branch.attribute("taken")).isEqualTo("true");
    assertThat(branch.attribute("localTime")).isEqualTo("2026-03-02T10:00 Europe/Paris");
    assertThat(branch.message()).isEqualTo("step 1/2 of 'Ops': time branch MON,TUE,WED,THU,FRI"
        + " 09:00-18:00 holds at 2026-03-02T10:00 Europe/Paris; branching to day");
  }

  @Test
  void timeBranch_afterHoursInParisAfterSpringForward_goesOnToTheNextStep() {
    // Monday 2026-03-30 16:30Z is 18:30 CEST: after hours. (With the CET offset, or in UTC, it
    // would be 17:30 or 16:30, inside the window.)
    rig.clock.setInstant(Instant.parse("2026-03-30T16:30:00Z"));
    businessHoursPolicy(new EscalationBranch.TimeWindow(WEEKDAYS, LocalTime.of(9, 0),
        LocalTime.of(18, 0), DAY));

    Incident incident = open(Severity.SEV1, Map.of());

    assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob");
    assertThat(rig.pagedVia(ChannelKind.SMS)).isEmpty();
    TimelineEntry branch = branchEntry(incident);
    assertThat(branch.attribute("taken")).isEqualTo("false");
    assertThat(branch.message()).endsWith("does not hold at 2026-03-30T18:30 Europe/Paris; next step");
    assertThat(incident.entries(TimelineEventType.ESCALATED)).hasSize(1);
  }

  @Test
  void metadataBranch_matchesATagInACommaList() {
    businessHoursPolicy(new EscalationBranch.Metadata("tags", Set.of("db"), DAY));

    Incident db = open(Severity.SEV1, Map.of("tags", "db, prod"));
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
    assertThat(branchEntry(db).attribute("taken")).isEqualTo("true");

    Incident web = open(Severity.SEV1, Map.of("tags", "web,prod"));
    assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob");
    assertThat(branchEntry(web).message()).contains("metadata branch tags in [db] does not hold");
  }

  @Test
  void severityBranch_onlyCriticalIncidentsBranch() {
    businessHoursPolicy(new EscalationBranch.SeverityIn(EnumSet.of(Severity.SEV1), DAY));

    open(Severity.SEV2, Map.of());
    assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob");
    assertThat(rig.pagedVia(ChannelKind.SMS)).isEmpty();

    open(Severity.SEV1, Map.of("x", "y"));
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
  }

  @Test
  void overnightWindow_spansMidnightFromTheListedDay() {
    EscalationBranch.TimeWindow night = new EscalationBranch.TimeWindow(EnumSet.of(DayOfWeek.FRIDAY),
        LocalTime.of(22, 0), LocalTime.of(6, 0), DAY);
    // 2026-03-06 is a Friday.
    assertThat(night.matches(LocalDateTime.parse("2026-03-06T23:00"), Severity.SEV1, Map.of())).isTrue();
    assertThat(night.matches(LocalDateTime.parse("2026-03-07T05:59"), Severity.SEV1, Map.of())).isTrue();
    assertThat(night.matches(LocalDateTime.parse("2026-03-07T06:00"), Severity.SEV1, Map.of())).isFalse();
    assertThat(night.matches(LocalDateTime.parse("2026-03-06T05:00"), Severity.SEV1, Map.of())).isFalse();
    assertThat(night.matches(LocalDateTime.parse("2026-03-06T21:59"), Severity.SEV1, Map.of())).isFalse();
  }

  @Test
  void branchingStep_badValues_areNamed() {
    assertThatThrownBy(() -> new EscalationBranch.TimeWindow(Set.of(), LocalTime.NOON,
        LocalTime.MIDNIGHT, DAY)).hasMessage("a time branch needs at least one day");
    assertThatThrownBy(() -> new EscalationBranch.Metadata(" ", Set.of("a"), DAY))
        .hasMessage("a metadata branch needs a key");
    assertThatThrownBy(() -> new EscalationBranch.Metadata("env", Set.of(), DAY))
        .hasMessage("metadata branch on env needs at least one value");
    assertThatThrownBy(() -> new EscalationStep(java.util.List.of(new EscalationTarget.User(BOB)),
        Duration.ZERO, java.util.Optional.of(new EscalationBranch.SeverityIn(
            EnumSet.of(Severity.SEV1), DAY))))
        .hasMessage("a branching step pages nobody itself, got targets [User[user=bob]]");
  }
}
