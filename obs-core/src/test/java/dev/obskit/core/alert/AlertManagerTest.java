package dev.obskit.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.AlertId;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertManagerTest {
  private static final TeamId TEAM = TeamId.of("team-a");
  private static final TeamId OTHER_TEAM = TeamId.of("team-b");
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final ManualClock clock = ManualClock.startingAt(T0);
  private final EventBus bus = EventBus.synchronous();
  private final List<AlertEvent> events = Collections.synchronizedList(new ArrayList<>());
  private AlertManager alerts;

  @BeforeEach
  void setUp() {
    alerts = AlertManager.inMemory(clock, bus, IdGenerator.sequential("al"));
    bus.subscribe(AlertEvent.class, events::add);
  }

  @AfterEach
  void tearDown() {
    bus.close();
  }

  private static Alert alert(TeamId team, String key, String summary) {
    return Alert.builder(team, key).setSource("obs-uptime/m-1").setSummary(summary).build();
  }

  @Test
  void trigger_whenKeyHasNoOpenAlert_createsTriggeredAlert() {
    AlertResult result = alerts.trigger(alert(TEAM, "uptime:m-1", "checkout down"));

    assertThat(result.outcome()).isEqualTo(AlertOutcome.CREATED);
    AlertRecord record = result.alert();
    assertThat(record.id()).isEqualTo(AlertId.of("al-1"));
    assertThat(record.status()).isEqualTo(AlertStatus.TRIGGERED);
    assertThat(record.triggerCount()).isEqualTo(1);
    assertThat(record.firstTriggeredAt()).isEqualTo(T0);
    assertThat(record.lastTriggeredAt()).isEqualTo(T0);
    assertThat(record.revision()).isEqualTo(1);
    assertThat(record.teamId()).isEqualTo(TEAM);
    assertThat(record.dedupKey()).isEqualTo("uptime:m-1");
    assertThat(record.acknowledgedAt()).isNull();
    assertThat(record.resolvedAtIfAny()).isEmpty();
    assertThat(alerts.findOpen(TEAM, "uptime:m-1")).contains(record);
  }

  @Test
  void trigger_whenKeyAlreadyOpen_mergesIntoOpenAlert() {
    AlertRecord first = alerts.trigger(alert(TEAM, "uptime:m-1", "checkout down")).alert();
    clock.advance(Duration.ofMinutes(1));

    AlertResult second = alerts.trigger(alert(TEAM, "uptime:m-1", "checkout still down"));

    assertThat(second.outcome()).isEqualTo(AlertOutcome.MERGED);
    assertThat(second.alert().id()).isEqualTo(first.id());
    assertThat(second.alert().triggerCount()).isEqualTo(2);
    assertThat(second.alert().firstTriggeredAt()).isEqualTo(T0);
    assertThat(second.alert().lastTriggeredAt()).isEqualTo(Instant.parse("2026-03-01T10:01:00Z"));
    assertThat(second.alert().latest().summary()).isEqualTo("checkout still down");
    assertThat(second.alert().revision()).isEqualTo(2);
    assertThat(alerts.listOpen(TEAM)).hasSize(1);
  }

  @Test
  void resolve_whenOpen_closesAlertAndRemovesItFromOpen() {
    AlertRecord opened = alerts.trigger(alert(TEAM, "k", "s")).alert();
    clock.advance(Duration.ofMinutes(5));

    AlertResult result = alerts.resolve(TEAM, "k", "obs-uptime");

    assertThat(result.outcome()).isEqualTo(AlertOutcome.RESOLVED);
    assertThat(result.alert().id()).isEqualTo(opened.id());
    assertThat(result.alert().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(result.alert().resolvedAt()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
    assertThat(result.alert().resolvedBy()).isEqualTo("obs-uptime");
    assertThat(result.alert().revision()).isEqualTo(2);
    assertThat(alerts.findOpen(TEAM, "k")).isEmpty();
    assertThat(alerts.listOpen(TEAM)).isEmpty();
  }

  @Test
  void trigger_afterResolve_opensNewAlertWithNewId() {
    AlertRecord first = alerts.trigger(alert(TEAM, "k", "s")).alert();
    alerts.resolve(TEAM, "k", "auto");
    clock.advance(Duration.ofMinutes(10));

    AlertResult again = alerts.trigger(alert(TEAM, "k", "s again"));

    assertThat(again.outcome()).isEqualTo(AlertOutcome.CREATED);
    assertThat(again.alert().id()).isEqualTo(AlertId.of("al-2")).isNotEqualTo(first.id());
    assertThat(again.alert().triggerCount()).isEqualTo(1);
    assertThat(again.alert().revision()).isEqualTo(1);
    assertThat(again.alert().firstTriggeredAt()).isEqualTo(Instant.parse("2026-03-01T10:10:00Z"));
  }

  @Test
  void resolve_whenKeyUnknown_returnsNoChangeWithoutAlertAndPublishesNothing() {
    AlertResult result = alerts.resolve(TEAM, "never-triggered", "someone");

    assertThat(result.outcome()).isEqualTo(AlertOutcome.NO_CHANGE);
    assertThat(result.alertIfAny()).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void resolve_whenAlreadyResolved_returnsNoChange() {
    alerts.trigger(alert(TEAM, "k", "s"));
    alerts.resolve(TEAM, "k", "a");

    assertThat(alerts.resolve(TEAM, "k", "a").outcome()).isEqualTo(AlertOutcome.NO_CHANGE);
    assertThat(events).extracting(AlertEvent::action)
        .containsExactly(AlertAction.TRIGGERED, AlertAction.RESOLVED);
  }

  @Test
  void acknowledge_whenKeyUnknown_returnsNoChange() {
    AlertResult result = alerts.acknowledge(TEAM, "nope", "alice");

    assertThat(result.outcome()).isEqualTo(AlertOutcome.NO_CHANGE);
    assertThat(result.alertIfAny()).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void acknowledge_whenTriggered_marksAcknowledgedWithWhoAndWhen() {
    alerts.trigger(alert(TEAM, "k", "s"));
    clock.advance(Duration.ofSeconds(90));

    AlertResult result = alerts.acknowledge(TEAM, "k", "alice");

    assertThat(result.outcome()).isEqualTo(AlertOutcome.ACKNOWLEDGED);
    assertThat(result.alert().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    assertThat(result.alert().acknowledgedBy()).isEqualTo("alice");
    assertThat(result.alert().acknowledgedAt()).isEqualTo(Instant.parse("2026-03-01T10:01:30Z"));
    assertThat(result.alert().revision()).isEqualTo(2);
  }

  @Test
  void acknowledge_whenAlreadyAcknowledged_returnsNoChangeAndKeepsFirstAcknowledger() {
    alerts.trigger(alert(TEAM, "k", "s"));
    alerts.acknowledge(TEAM, "k", "alice");
    clock.advance(Duration.ofMinutes(1));

    AlertResult second = alerts.acknowledge(TEAM, "k", "bob");

    assertThat(second.outcome()).isEqualTo(AlertOutcome.NO_CHANGE);
    assertThat(second.alert().acknowledgedBy()).isEqualTo("alice");
    assertThat(second.alert().acknowledgedAt()).isEqualTo(T0);
    assertThat(second.alert().revision()).isEqualTo(2);
    assertThat(events).extracting(AlertEvent::action)
        .containsExactly(AlertAction.TRIGGERED, AlertAction.ACKNOWLEDGED);
  }

  @Test
  void trigger_whenAcknowledged_mergesAndStaysAcknowledged() {
    alerts.trigger(alert(TEAM, "k", "s"));
    alerts.acknowledge(TEAM, "k", "alice");
    clock.advance(Duration.ofMinutes(2));

    AlertResult merged = alerts.trigger(alert(TEAM, "k", "s2"));

    assertThat(merged.outcome()).isEqualTo(AlertOutcome.MERGED);
    assertThat(merged.alert().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    assertThat(merged.alert().acknowledgedBy()).isEqualTo("alice");
    assertThat(merged.alert().triggerCount()).isEqualTo(2);
    assertThat(merged.alert().revision()).isEqualTo(3);
  }

  @Test
  void resolve_whenAcknowledged_keepsAcknowledgementInResolvedRecord() {
    alerts.trigger(alert(TEAM, "k", "s"));
    alerts.acknowledge(TEAM, "k", "alice");
    clock.advance(Duration.ofMinutes(3));

    AlertRecord resolved = alerts.resolve(TEAM, "k", "bob").alert();

    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.acknowledgedBy()).isEqualTo("alice");
    assertThat(resolved.resolvedBy()).isEqualTo("bob");
    assertThat(resolved.revision()).isEqualTo(3);
  }

  @Test
  void trigger_sameKeyInTwoTeams_opensTwoIndependentAlerts() {
    AlertResult a = alerts.trigger(alert(TEAM, "shared-key", "a"));
    AlertResult b = alerts.trigger(alert(OTHER_TEAM, "shared-key", "b"));

    assertThat(a.outcome()).isEqualTo(AlertOutcome.CREATED);
    assertThat(b.outcome()).isEqualTo(AlertOutcome.CREATED);
    assertThat(a.alert().id()).isNotEqualTo(b.alert().id());
    assertThat(alerts.listOpen(TEAM)).extracting(r -> r.latest().summary()).containsExactly("a");
    assertThat(alerts.listOpen(OTHER_TEAM)).extracting(r -> r.latest().summary()).containsExactly("b");

    alerts.resolve(TEAM, "shared-key", "x");

    assertThat(alerts.findOpen(TEAM, "shared-key")).isEmpty();
    assertThat(alerts.findOpen(OTHER_TEAM, "shared-key")).isPresent();
    assertThat(alerts.acknowledge(TEAM, "shared-key", "x").outcome()).isEqualTo(AlertOutcome.NO_CHANGE);
  }

  @Test
  void listOpen_returnsOldestFirst() {
    alerts.trigger(alert(TEAM, "second", "2"));
    clock.advance(Duration.ofSeconds(1));
    alerts.trigger(alert(TEAM, "third", "3"));
    clock.advance(Duration.ofSeconds(1));
    alerts.trigger(alert(TEAM, "second", "2 again"));

    assertThat(alerts.listOpen(TEAM)).extracting(AlertRecord::dedupKey).containsExactly("second", "third");
  }

  @Test
  void listOpen_whenTriggeredAtSameInstant_returnsTriggerOrder() {
    for (int i = 0; i < 20; i++) {
      alerts.trigger(alert(TEAM, "key-" + i, "s"));
    }

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add("key-" + i);
    }
    assertThat(alerts.listOpen(TEAM)).extracting(AlertRecord::dedupKey).containsExactlyElementsOf(expected);
  }

  @Test
  void changes_arePublishedInOrderWithIncreasingRevisions() {
    alerts.trigger(alert(TEAM, "k", "s"));
    clock.advance(Duration.ofSeconds(1));
    alerts.trigger(alert(TEAM, "k", "s"));
    clock.advance(Duration.ofSeconds(1));
    alerts.acknowledge(TEAM, "k", "alice");
    clock.advance(Duration.ofSeconds(1));
    alerts.resolve(TEAM, "k", "bob");

    assertThat(events).extracting(AlertEvent::action).containsExactly(
        AlertAction.TRIGGERED, AlertAction.MERGED, AlertAction.ACKNOWLEDGED, AlertAction.RESOLVED);
    assertThat(events).extracting(e -> e.alert().revision()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(events).extracting(AlertEvent::at).containsExactly(
        T0, Instant.parse("2026-03-01T10:00:01Z"), Instant.parse("2026-03-01T10:00:02Z"),
        Instant.parse("2026-03-01T10:00:03Z"));
    assertThat(events).extracting(e -> e.alert().status()).containsExactly(
        AlertStatus.TRIGGERED, AlertStatus.TRIGGERED, AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED);
  }

  @Test
  void trigger_whenSubscriberThrows_stillRecordsAndReturns() {
    bus.subscribe(AlertEvent.class, e -> {
      throw new IllegalStateException("subscriber bug");
    });

    AlertResult result = alerts.trigger(alert(TEAM, "k", "s"));

    assertThat(result.outcome()).isEqualTo(AlertOutcome.CREATED);
    assertThat(alerts.findOpen(TEAM, "k")).isPresent();
    assertThat(events).hasSize(1);
  }

  @Test
  void trigger_concurrentlyOnSameKey_createsExactlyOnceAndMergesTheRest() throws Exception {
    int threads = 8;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<AlertOutcome>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          go.await();
          List<AlertOutcome> outcomes = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            outcomes.add(alerts.trigger(alert(TEAM, "hot", "s")).outcome());
          }
          return outcomes;
        }));
      }
      go.countDown();
      List<AlertOutcome> all = new ArrayList<>();
      for (Future<List<AlertOutcome>> f : futures) {
        all.addAll(f.get(30, TimeUnit.SECONDS));
      }

      assertThat(all).filteredOn(o -> o == AlertOutcome.CREATED).hasSize(1);
      assertThat(all).filteredOn(o -> o == AlertOutcome.MERGED).hasSize(threads * perThread - 1);
      AlertRecord open = alerts.findOpen(TEAM, "hot").orElseThrow();
      assertThat(open.triggerCount()).isEqualTo(2000);
      assertThat(open.revision()).isEqualTo(2000);
      assertThat(alerts.listOpen(TEAM)).hasSize(1);
      assertThat(events).hasSize(2000);
      assertThat(events).extracting(e -> e.alert().revision()).doesNotHaveDuplicates();
      assertThat(events).filteredOn(e -> e.action() == AlertAction.TRIGGERED).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void calls_withNullTeamOrKey_failFastNamingTheArgument() {
    assertThatThrownBy(() -> alerts.acknowledge(null, "k", "a")).hasMessage("teamId");
    assertThatThrownBy(() -> alerts.resolve(TEAM, null, "a")).hasMessage("dedupKey");
    assertThatThrownBy(() -> alerts.findOpen(TEAM, null)).hasMessage("dedupKey");
    assertThatThrownBy(() -> alerts.listOpen(null)).hasMessage("teamId");
    assertThatThrownBy(() -> alerts.trigger(null)).hasMessage("alert");
  }

  @Test
  void noop_acceptsEverythingAndRecordsNothing() {
    AlertManager noop = AlertManager.noop();

    assertThat(noop.trigger(alert(TEAM, "k", "s")).outcome()).isEqualTo(AlertOutcome.NO_CHANGE);
    assertThat(noop.acknowledge(TEAM, "k", "a").outcome()).isEqualTo(AlertOutcome.NO_CHANGE);
    assertThat(noop.resolve(TEAM, "k", "a").outcome()).isEqualTo(AlertOutcome.NO_CHANGE);
    assertThat(noop.findOpen(TEAM, "k")).isEmpty();
    assertThat(noop.listOpen(TEAM)).isEmpty();
  }
}
