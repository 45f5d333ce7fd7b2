package dev.obskit.incidents.incident;

import static dev.obskit.incidents.IncidentsRig.ALICE;
import static dev.obskit.incidents.IncidentsRig.BOB;
import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.IncidentsRig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentServiceTest {
  private final IncidentsRig rig = new IncidentsRig();
  private final IncidentService service = rig.incidents;

  @AfterEach
  void close() {
    rig.close();
  }

  private Incident openAlert(String key, Severity severity) {
    return service.openOrMerge(new IncidentDraft(TEAM, "api down", severity, null, null, key,
        "alert:uptime", Map.of("status", "500"))).incident().orElseThrow();
  }

  @Test
  void open_recordsWhoAndWhen_onTheTimeline() {
    Incident i = openAlert("k1", Severity.SEV2);
    assertThat(i.status()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(i.version()).isEqualTo(1);
    assertThat(i.createdAt()).isEqualTo(rig.clock.instant());
    assertThat(i.timeline()).extracting(TimelineEntry::type)
        .containsExactly(TimelineEventType.OPENED, TimelineEventType.ALERT_RECEIVED);
    assertThat(i.timeline().get(1).attribute("status")).isEqualTo("500");
  }

  @Test
  void repeatAlert_withSameDedupKey_mergesIntoOpenIncident_andRaisesSeverity() {
    Incident first = openAlert("k1", Severity.SEV3);
    rig.clock.advance(Duration.ofMinutes(1));
    TransitionResult r = service.openOrMerge(new IncidentDraft(TEAM, "api down", Severity.SEV1,
        null, null, "k1", "alert:uptime", Map.of()));
    Incident merged = r.incident().orElseThrow();
    assertThat(merged.id()).isEqualTo(first.id());
    assertThat(merged.alertCount()).isEqualTo(2);
    assertThat(merged.severity()).isEqualTo(Severity.SEV1);
    assertThat(merged.entries(TimelineEventType.SEVERITY_CHANGED)).hasSize(1);
    assertThat(rig.repository.listAll(TEAM, IncidentQuery.all())).hasSize(1);
  }

  @Test
  void flappingAlert_isCountedBeyondTheListedRepeats() {
    for (int i = 0; i < 500; i++) {
      openAlert("flap", Severity.SEV3);
    }
    Incident i = rig.repository.findOpenByDedupKey(TEAM, "flap").orElseThrow();
    assertThat(i.alertCount()).isEqualTo(500);
    // the first alert plus 100 listed repeats
    assertThat(i.entries(TimelineEventType.ALERT_RECEIVED)).hasSize(1 + IncidentService.MAX_LISTED_REPEATS);
    assertThat(i.entries(TimelineEventType.ALERT_RECEIVED).get(100).message())
        .endsWith("(further repeats are counted, not listed)");
  }

  @Test
  void sameDedupKey_inAnotherTeam_isAnotherIncident() {
    Incident a = openAlert("k1", Severity.SEV3);
    Incident b = service.openOrMerge(new IncidentDraft(TeamId.of("team-b"), "x", Severity.SEV3,
        null, null, "k1", "alert", Map.of())).incident().orElseThrow();
    assertThat(b.id()).isNotEqualTo(a.id());
  }

  @Test
  void acknowledge_thenAgain_answersAlreadyAcknowledged() {
    Incident i = openAlert("k1", Severity.SEV2);
    rig.clock.advance(Duration.ofMinutes(3));
    TransitionResult first = service.acknowledge(TEAM, i.id(), "user:alice");
    TransitionResult second = service.acknowledge(TEAM, i.id(), "user:bob");
    assertThat(first.isApplied()).isTrue();
    assertThat(second).isInstanceOf(TransitionResult.Rejected.class);
    assertThat(((TransitionResult.Rejected) second).conflict()).isEqualTo(Conflict.ALREADY_ACKNOWLEDGED);
    assertThat(second.describe()).contains("already acknowledged by user:alice");
    Incident after = first.incident().orElseThrow();
    assertThat(after.acknowledgedBy()).isEqualTo("user:alice");
    assertThat(after.timeToAcknowledge()).contains(Duration.ofMinutes(3));
  }

  @Test
  void resolve_thenAcknowledgeOrResolve_answersAlreadyResolved() {
    Incident i = openAlert("k1", Severity.SEV2);
    rig.clock.advance(Duration.ofMinutes(42));
    assertThat(service.resolve(TEAM, i.id(), "user:bob", "rolled back").isApplied()).isTrue();
    TransitionResult ack = service.acknowledge(TEAM, i.id(), "user:alice");
    TransitionResult res = service.resolve(TEAM, i.id(), "user:alice", "");
    assertThat(((TransitionResult.Rejected) ack).conflict()).isEqualTo(Conflict.ALREADY_RESOLVED);
    assertThat(((TransitionResult.Rejected) res).conflict()).isEqualTo(Conflict.ALREADY_RESOLVED);
    Incident after = rig.repository.find(TEAM, i.id()).orElseThrow();
    assertThat(after.timeToResolve()).contains(Duration.ofMinutes(42));
    assertThat(after.timeToAcknowledge()).isEmpty();
    assertThat(after.entries(TimelineEventType.RESOLVED).get(0).message()).contains("rolled back");
  }

  @Test
  void unknownIncident_isNotFound() {
    TransitionResult r = service.acknowledge(TEAM, IncidentId.of("nope"), "user:alice");
    assertThat(r).isInstanceOf(TransitionResult.NotFound.class);
    assertThat(r.describe()).isEqualTo("no incident nope for team team-a");
  }

  @Test
  void otherTeam_cannotTouchTheIncident() {
    Incident i = openAlert("k1", Severity.SEV2);
    assertThat(service.acknowledge(TeamId.of("intruder"), i.id(), "x"))
        .isInstanceOf(TransitionResult.NotFound.class);
  }

  @Test
  void reopen_onlyResolved_andAfterwardsNewAlertsMergeIntoIt() {
    Incident i = openAlert("k1", Severity.SEV2);
    assertThat(((TransitionResult.Rejected) service.reopen(TEAM, i.id(), "user:alice", ""))
        .conflict()).isEqualTo(Conflict.NOT_RESOLVED);
    service.resolve(TEAM, i.id(), "user:alice", "");
    TransitionResult reopened = service.reopen(TEAM, i.id(), "user:alice", "came back");
    assertThat(reopened.isApplied()).isTrue();
    Incident after = reopened.incident().orElseThrow();
    assertThat(after.status()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(after.resolvedAt()).isNull();
    assertThat(service.openOrMerge(new IncidentDraft(TEAM, "again", Severity.SEV2, null, null, "k1",
        "alert", Map.of())).incident().orElseThrow().id()).isEqualTo(i.id());
  }

  @Test
  void reopen_refusedWhenAnotherIncidentHoldsTheDedupKey() {
    Incident old = openAlert("k1", Severity.SEV2);
    service.resolve(TEAM, old.id(), "alert", "");
    Incident fresh = openAlert("k1", Severity.SEV2);
    assertThat(fresh.id()).isNotEqualTo(old.id());
    TransitionResult r = service.reopen(TEAM, old.id(), "user:alice", "");
    assertThat(((TransitionResult.Rejected) r).conflict()).isEqualTo(Conflict.DEDUP_KEY_IN_USE);
    assertThat(rig.repository.find(TEAM, old.id()).orElseThrow().status())
        .isEqualTo(IncidentStatus.RESOLVED);
    assertThat(rig.repository.findOpenByDedupKey(TEAM, "k1")).map(Incident::id).contains(fresh.id());
  }

  @Test
  void roles_exclusiveRoleHandsOver_andHistoryIsKept() {
    Incident i = openAlert("k1", Severity.SEV1);
    service.assignRole(TEAM, i.id(), IncidentRole.COMMANDER, ALICE, "user:alice");
    rig.clock.advance(Duration.ofMinutes(30));
    service.assignRole(TEAM, i.id(), IncidentRole.COMMANDER, BOB, "user:alice");
    service.assignRole(TEAM, i.id(), IncidentRole.RESPONDER, ALICE, "user:bob");
    service.assignRole(TEAM, i.id(), IncidentRole.RESPONDER, BOB, "user:bob");
    TransitionResult again = service.assignRole(TEAM, i.id(), IncidentRole.RESPONDER, BOB, "user:bob");
    assertThat(((TransitionResult.Rejected) again).conflict()).isEqualTo(Conflict.ROLE_UNCHANGED);
    Incident after = rig.repository.find(TEAM, i.id()).orElseThrow();
    assertThat(after.holders(IncidentRole.COMMANDER)).containsExactly(BOB);
    assertThat(after.holders(IncidentRole.RESPONDER)).containsExactly(ALICE, BOB);
    assertThat(after.roles()).hasSize(4);
    assertThat(after.roles().get(0).unassignedAt()).isEqualTo(rig.clock.instant());
    assertThat(after.entries(TimelineEventType.ROLE_UNASSIGNED)).hasSize(1);
    service.unassignRole(TEAM, i.id(), IncidentRole.RESPONDER, ALICE, "user:bob");
    assertThat(rig.repository.find(TEAM, i.id()).orElseThrow().holders(IncidentRole.RESPONDER))
        .containsExactly(BOB);
  }

  @Test
  void notesStatusUpdatesAndSeverity_areOnTheTimeline_inOrder_withConsecutiveSequences() {
    Incident i = openAlert("k1", Severity.SEV2);
    service.addNote(TEAM, i.id(), "user:alice", "looking at the db");
    service.postStatusUpdate(TEAM, i.id(), "user:alice", "Investigating elevated errors");
    service.changeSeverity(TEAM, i.id(), Severity.SEV1, "user:alice");
    Incident after = rig.repository.find(TEAM, i.id()).orElseThrow();
    assertThat(after.timeline()).extracting(TimelineEntry::type).containsExactly(
        TimelineEventType.OPENED, TimelineEventType.ALERT_RECEIVED, TimelineEventType.NOTE_ADDED,
        TimelineEventType.STATUS_PAGE_UPDATE, TimelineEventType.SEVERITY_CHANGED);
    assertThat(after.timeline()).extracting(TimelineEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(after.version()).isEqualTo(4);
  }

  @Test
  void timeline_isImmutable() {
    Incident i = openAlert("k1", Severity.SEV2);
    assertThatThrownBy(() -> i.timeline().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void events_arePublishedOnTheBus_afterEachStoredChange() {
    List<IncidentEvent> seen = new ArrayList<>();
    rig.bus.subscribe(IncidentEvent.class, seen::add);
    Incident i = openAlert("k1", Severity.SEV2);
    service.acknowledge(TEAM, i.id(), "user:alice");
    service.acknowledge(TEAM, i.id(), "user:bob");
    service.resolve(TEAM, i.id(), "user:alice", "");
    assertThat(seen).extracting(IncidentEvent::type).containsExactly(TimelineEventType.OPENED,
        TimelineEventType.ACKNOWLEDGED, TimelineEventType.RESOLVED);
  }

  @Test
  void failingListener_neverFailsTheCommand() {
    service.addListener(e -> {
      throw new IllegalStateException("boom");
    });
    assertThat(openAlert("k1", Severity.SEV2).status()).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void draft_rejectsBlankTitle() {
    assertThatThrownBy(() -> IncidentDraft.manual(TEAM, " ", Severity.SEV1, null, null, "x"))
        .hasMessage("title must not be blank");
  }
}
