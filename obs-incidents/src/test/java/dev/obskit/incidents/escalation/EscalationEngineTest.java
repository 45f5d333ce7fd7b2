package dev.obskit.incidents.escalation;

import static dev.obskit.incidents.IncidentsRig.ALICE;
import static dev.obskit.incidents.IncidentsRig.BOB;
import static dev.obskit.incidents.IncidentsRig.CAROL;
import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.incidents.IncidentsRig;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.incident.TimelineEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EscalationEngineTest {
  private static final EscalationPolicyId POLICY = EscalationPolicyId.of("ops");
  private static final ScheduleId PRIMARY = ScheduleId.of("primary");
  private final IncidentsRig rig = new IncidentsRig();

  @AfterEach
  void close() {
    rig.close();
  }

  private Incident open(Severity severity) {
    return rig.incidents.openOrMerge(new IncidentDraft(TEAM, "checkout down", severity, null,
        POLICY, "uptime:checkout", "alert", java.util.Map.of())).incident().orElseThrow();
  }

  private Incident reload(Incident i) {
    return rig.repository.find(TEAM, i.id()).orElseThrow();
  }

  private void twoStepPolicy(int repeats) {
    rig.policies.add(EscalationPolicy.builder(TEAM, POLICY, "Ops")
        .addStep(Duration.ofMinutes(5), new EscalationTarget.User(ALICE))
        .addStep(Duration.ofMinutes(10), new EscalationTarget.User(BOB))
        .setRepeatCount(repeats).build());
  }

  @Test
  void trigger_pagesFirstStepAtOnce_andSecondStepOnlyAfterItsWait() {
    twoStepPolicy(0);
    Incident incident = open(Severity.SEV1);
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
    assertThat(rig.pagedVia(ChannelKind.VOICE)).isEmpty();

    rig.clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(rig.engine.tick().stepsRun()).isZero();
    assertThat(rig.pagedVia(ChannelKind.VOICE)).isEmpty();

    rig.clock.advance(Duration.ofSeconds(1));
    assertThat(rig.engine.tick().stepsRun()).isEqualTo(1);
    assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob");
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
    Incident after = reload(incident);
    assertThat(after.entries(TimelineEventType.ESCALATED)).extracting(e -> e.attribute("step"))
        .containsExactly("1", "2");
    assertThat(after.entries(TimelineEventType.NOTIFIED))
        .extracting(e -> e.attribute("recipient") + "/" + e.attribute("channel") + "/"
            + e.attribute("status"))
        .containsExactlyInAnyOrder("Alice/SMS/DELIVERED", "Alice/EMAIL/DELIVERED",
            "Bob/VOICE/DELIVERED");
  }

  @Test
  void acknowledge_stopsEscalation() {
    twoStepPolicy(3);
    Incident incident = open(Severity.SEV1);
    rig.incidents.acknowledge(TEAM, incident.id(), "user:alice");
    rig.clock.advance(Duration.ofMinutes(29));
    rig.engine.tick();
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
    assertThat(rig.pagedVia(ChannelKind.VOICE)).isEmpty();
    assertThat(reload(incident).escalation().nextAt()).isNull();
  }

  @Test
  void ackTimeout_returnsToTriggered_andEscalatesAgainFromFirstStep() {
    twoStepPolicy(0);
    Incident incident = open(Severity.SEV1);
    rig.clock.advance(Duration.ofMinutes(1));
    rig.incidents.acknowledge(TEAM, incident.id(), "user:alice");
    rig.clock.advance(Duration.ofMinutes(29).plusSeconds(59));
    assertThat(rig.engine.tick().acknowledgementsExpired()).isZero();
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);

    rig.clock.advance(Duration.ofSeconds(1));
    TickReport report = rig.engine.tick();
    assertThat(report.acknowledgementsExpired()).isEqualTo(1);
    Incident after = reload(incident);
    assertThat(after.status()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(after.acknowledgedBy()).isNull();
    assertThat(after.firstAcknowledgedAt()).isEqualTo(incident.createdAt().plus(Duration.ofMinutes(1)));
    assertThat(after.entries(TimelineEventType.ACK_TIMED_OUT)).hasSize(1);
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice", "Alice");
  }

  @Test
  void ackTimeout_configurable_zeroDisablesIt() {
    try (IncidentsRig noTimeout = new IncidentsRig(Duration.ZERO)) {
      noTimeout.policies.add(EscalationPolicy.builder(TEAM, POLICY, "Ops")
          .addStep(Duration.ofMinutes(5), new EscalationTarget.User(ALICE)).build());
      Incident i = noTimeout.incidents.openOrMerge(IncidentDraft.manual(TEAM, "x", Severity.SEV1,
          null, POLICY, "user:carol")).incident().orElseThrow();
      noTimeout.incidents.acknowledge(TEAM, i.id(), "user:alice");
      noTimeout.clock.advance(Duration.ofDays(2));
      assertThat(noTimeout.engine.tick().acknowledgementsExpired()).isZero();
    }
    try (IncidentsRig fast = new IncidentsRig(Duration.ofMinutes(5))) {
      Incident i = fast.incidents.open(IncidentDraft.manual(TEAM, "x", Severity.SEV1, null, null,
          "user:carol")).incident().orElseThrow();
      fast.incidents.acknowledge(TEAM, i.id(), "user:alice");
      fast.clock.advance(Duration.ofMinutes(5));
      assertThat(fast.engine.tick().acknowledgementsExpired()).isEqualTo(1);
    }
  }

  @Test
  void repeatCount_isHonoured_thenEscalationIsExhausted() {
    twoStepPolicy(1);
    Incident incident = open(Severity.SEV1);
    for (int minute = 0; minute < 120; minute++) {
      rig.clock.advance(Duration.ofMinutes(1));
      rig.engine.tick();
    }
    // step 1, step 2 (5 min later), repeat: step 1 (10 min after step 2), step 2 (5 min later).
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice", "Alice");
    assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob", "Bob");
    Incident after = reload(incident);
    assertThat(after.entries(TimelineEventType.ESCALATED)).extracting(e -> e.attribute("loop"))
        .containsExactly("0", "0", "1", "1");
    assertThat(after.entries(TimelineEventType.ESCALATED).get(2).at())
        .isEqualTo(incident.createdAt().plus(Duration.ofMinutes(15)));
    assertThat(after.entries(TimelineEventType.ESCALATION_EXHAUSTED)).hasSize(1);
    assertThat(after.escalation().nextAt()).isNull();
  }

  @Test
  void scheduleWithNobodyOnCall_movesOnToNextStepAtOnce_andSaysSoOnTheTimeline() {
    rig.policies.add(EscalationPolicy.builder(TEAM, POLICY, "Ops")
        .addStep(Duration.ofMinutes(15), new EscalationTarget.OnCall(PRIMARY))
        .addStep(Duration.ofMinutes(15), new EscalationTarget.User(BOB)).build());
    Incident incident = open(Severity.SEV2);
    assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob");
    Incident after = reload(incident);
    assertThat(after.entries(TimelineEventType.ESCALATION_SKIPPED))
        .anySatisfy(e -> assertThat(e.message()).contains("nobody on call for schedule primary"));
  }

  @Test
  void scheduleTarget_pagesWhoeverIsOnCallAtThatInstant() {
    rig.onCall.shift(PRIMARY, rig.clock.instant(), rig.clock.instant().plus(Duration.ofHours(1)), CAROL)
        .shift(PRIMARY, rig.clock.instant().plus(Duration.ofHours(1)),
            rig.clock.instant().plus(Duration.ofHours(9)), ALICE);
    rig.policies.add(EscalationPolicy.builder(TEAM, POLICY, "Ops")
        .addStep(Duration.ofMinutes(90), new EscalationTarget.OnCall(PRIMARY)).setRepeatCount(1)
        .build());
    open(Severity.SEV1);
    assertThat(rig.pagedVia(ChannelKind.EMAIL)).containsExactly("Carol");
    rig.clock.advance(Duration.ofMinutes(90));
    rig.engine.tick();
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
  }

  @Test
  void urgencyBySeverity_choosesContactMethods() {
    twoStepPolicy(0);
    open(Severity.SEV3);
    assertThat(rig.pagedVia(ChannelKind.SMS)).isEmpty();
    assertThat(rig.pagedVia(ChannelKind.EMAIL)).containsExactly("Alice");
  }

  @Test
  void teamWebhookAndPolicyTargets() {
    EscalationPolicyId backup = EscalationPolicyId.of("backup");
    rig.policies.add(EscalationPolicy.builder(TEAM, backup, "Backup")
        .addStep(Duration.ofMinutes(5), new EscalationTarget.User(BOB)).build());
    rig.policies.add(EscalationPolicy.builder(TEAM, POLICY, "Ops")
        .addStep(Duration.ofMinutes(5), new EscalationTarget.Team(TEAM),
            new EscalationTarget.Webhook(ChannelKind.SLACK, "https://hooks.example/x", "#ops"))
        .addStep(Duration.ofMinutes(5), new EscalationTarget.Policy(backup)).build());
    Incident incident = open(Severity.SEV1);
    assertThat(rig.pagedVia(ChannelKind.SLACK)).containsExactly("#ops");
    assertThat(rig.pagedVia(ChannelKind.SMS)).containsExactly("Alice");
    assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob");
    assertThat(rig.pagedVia(ChannelKind.EMAIL)).containsExactlyInAnyOrder("Alice", "Carol");
    rig.clock.advance(Duration.ofMinutes(5));
    rig.engine.tick();
    assertThat(reload(incident).escalation().policyId()).isEqualTo(backup);
    assertThat(rig.pagedVia(ChannelKind.VOICE)).containsExactly("Bob", "Bob");
  }

  @Test
  void policyCycle_isBounded() {
    EscalationPolicyId other = EscalationPolicyId.of("other");
    rig.policies.add(EscalationPolicy.builder(TEAM, POLICY, "A")
        .addStep(Duration.ZERO, new EscalationTarget.Policy(other)).build());
    rig.policies.add(EscalationPolicy.builder(TEAM, other, "B")
        .addStep(Duration.ZERO, new EscalationTarget.Policy(POLICY)).build());
    Incident incident = open(Severity.SEV1);
    Incident after = reload(incident);
    assertThat(after.escalation().policyHops()).isEqualTo(EscalationEngine.MAX_POLICY_HOPS);
    assertThat(after.escalation().nextAt()).isNull();
  }

  @Test
  void concurrentTicks_pageEachStepOnce() throws Exception {
    twoStepPolicy(0);
    for (int i = 0; i < 50; i++) {
      rig.incidents.open(IncidentDraft.manual(TEAM, "i" + i, Severity.SEV1, null, POLICY, "host"));
    }
    rig.clock.advance(Duration.ofMinutes(5));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TickReport>> reports = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      reports.add(pool.submit(() -> {
        go.await();
        return rig.engine.tick();
      }));
    }
    go.countDown();
    int steps = 0;
    for (Future<TickReport> f : reports) {
      steps += f.get().stepsRun();
    }
    pool.shutdown();
    assertThat(steps).isEqualTo(50);
    assertThat(rig.pagedVia(ChannelKind.VOICE)).hasSize(50);
    assertThat(rig.pagedVia(ChannelKind.SMS)).hasSize(50);
  }

  @Test
  void missingPolicy_stopsWithATimelineEntryInsteadOfLooping() {
    Incident incident = open(Severity.SEV1);
    Incident after = reload(incident);
    assertThat(after.entries(TimelineEventType.ESCALATION_EXHAUSTED)).hasSize(1);
    assertThat(after.escalation().nextAt()).isNull();
  }
}
