package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.RecordingNotifier;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.IncidentsConfig;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.TimelineEventType;
import dev.obskit.incidents.incident.TransitionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (two kits in one JVM, each with its own pool) on one PostgreSQL schema: the
 * optimistic versions make incident transitions and escalation steps happen once across them.
 */
class TwoReplicaTest {
  static final TeamId TEAM = TeamId.of("acme");
  final ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
  final RecordingNotifier slackA = RecordingNotifier.forChannel(ChannelKind.SLACK);
  final RecordingNotifier slackB = RecordingNotifier.forChannel(ChannelKind.SLACK);
  String schema;
  ObsKit a;
  ObsKit b;

  @BeforeEach
  void startReplicas() {
    Backend.requirePostgres();
    schema = Backend.freshSchema();
    a = replica("a", slackA);
    b = replica("b", slackB);
  }

  @AfterEach
  void stopReplicas() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (schema != null) {
      Backend.dropSchema(schema);
    }
  }

  ObsKit replica(String name, RecordingNotifier notifier) {
    return ObsKit.builder().setClock(clock).setIdGenerator(IdGenerator.timeOrdered(clock))
        .setConfig(ConfigProperties.of(Map.of())).setStore(Backend.postgres(schema))
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder()
            .setDriverEnabled(false).addNotifier(notifier).build()))
        .build().start();
  }

  @Test
  void racingAcknowledgements_fromBothReplicas_applyExactlyOncePerIncident() throws Exception {
    IncidentsModule ia = a.module(IncidentsModule.class);
    for (int i = 0; i < 20; i++) {
      a.context().alerts().trigger(Alert.builder(TEAM, "k" + i).setSummary("down " + i)
          .setSeverity(AlertSeverity.CRITICAL).build());
    }
    List<IncidentId> ids = ia.incidents().repository().listAll(TEAM, IncidentQuery.all()).stream()
        .map(Incident::id).toList();
    assertThat(ids).hasSize(20);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> racers = new ArrayList<>();
      for (ObsKit replica : List.of(a, b)) {
        IncidentsModule m = replica.module(IncidentsModule.class);
        racers.add(() -> {
          int applied = 0;
          for (IncidentId id : ids) {
            TransitionResult r = m.incidents().acknowledge(TEAM, id, "user:" + replica.hashCode());
            applied += r.isApplied() ? 1 : 0;
          }
          return applied;
        });
      }
      int applied = 0;
      for (Future<Integer> f : pool.invokeAll(racers)) {
        applied += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(applied).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
    for (IncidentId id : ids) {
      Incident stored = b.module(IncidentsModule.class).incidents().find(TEAM, id).orElseThrow();
      assertThat(stored.entries(TimelineEventType.ACKNOWLEDGED)).hasSize(1);
    }
  }

  @Test
  void escalationStep_dueOnBothReplicas_pagesOnce() throws Exception {
    IncidentsModule ia = a.module(IncidentsModule.class);
    IncidentsModule ib = b.module(IncidentsModule.class);
    ia.responders().put(new Responder(UserId.of("alice"), TEAM, "Alice",
        List.of(ContactMethod.always(ChannelKind.SLACK, "@alice"))));
    ia.policies().add(EscalationPolicy.builder(TEAM, EscalationPolicyId.of("p"), "Primary")
        .addStep(Duration.ofMinutes(5), new EscalationTarget.User(UserId.of("alice")))
        .addStep(Duration.ofMinutes(5), new EscalationTarget.User(UserId.of("alice")))
        .build());
    ia.catalog().add(Service.of(TEAM, ServiceId.of("api"), "api", EscalationPolicyId.of("p")));
    a.context().alerts().trigger(Alert.builder(TEAM, "uptime:api").setComponent("api")
        .setSeverity(AlertSeverity.CRITICAL).setSummary("api down").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> slackA.sent().size() + slackB.sent().size() == 1);

    clock.advance(Duration.ofMinutes(5));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Object>> ticks = List.of(ia::tick, ib::tick);
      for (Future<Object> f : pool.invokeAll(ticks)) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // The winner hands its page to its dispatcher inside tick(); a duplicate would be queued by now
    // and delivered within the window, so the total must reach 2 and stay there.
    await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(300))
        .until(() -> slackA.sent().size() + slackB.sent().size() == 2);
    assertThat(ia.dispatcher().droppedCount() + ib.dispatcher().droppedCount()).isZero();
  }
}
