package dev.obskit.incidents.incident;

import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.IncidentId;
import dev.obskit.incidents.IncidentsRig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IncidentConcurrencyTest {
  private static final int THREADS = 8;
  private static final int INCIDENTS = 1_000;

  @Test
  void eightThreadsRacingToAcknowledgeAndResolve_eachTransitionHappensOnce() throws Exception {
    try (IncidentsRig rig = new IncidentsRig()) {
      IncidentService service = rig.incidents;
      List<IncidentId> ids = new ArrayList<>();
      for (int i = 0; i < INCIDENTS; i++) {
        ids.add(service.open(IncidentDraft.manual(TEAM, "incident " + i, Severity.SEV2, null, null,
            "host")).incident().orElseThrow().id());
      }
      Map<IncidentId, AtomicInteger> acks = new ConcurrentHashMap<>();
      Map<IncidentId, AtomicInteger> resolves = new ConcurrentHashMap<>();
      AtomicInteger alreadyAcknowledged = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          List<IncidentId> order = new ArrayList<>(ids);
          Collections.shuffle(order, new Random(seed));
          start.await();
          for (IncidentId id : order) {
            TransitionResult ack = service.acknowledge(TEAM, id, "user:t" + seed);
            if (ack.isApplied()) {
              acks.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            } else {
              Conflict conflict = ((TransitionResult.Rejected) ack).conflict();
              // Under a busy scheduler a thread may run only after another resolved the incident.
              if (conflict == Conflict.ALREADY_ACKNOWLEDGED || conflict == Conflict.ALREADY_RESOLVED) {
                alreadyAcknowledged.incrementAndGet();
              }
            }
            service.addNote(TEAM, id, "user:t" + seed, "looking");
            if (service.resolve(TEAM, id, "user:t" + seed, "").isApplied()) {
              resolves.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      // Every losing acknowledgement is refused as a conflict, never applied or lost.
      assertThat(alreadyAcknowledged.get()).isEqualTo((THREADS - 1) * ids.size());
      for (IncidentId id : ids) {
        assertThat(acks.get(id)).as("acks of %s", id).hasValue(1);
        assertThat(resolves.get(id)).as("resolves of %s", id).hasValue(1);
        Incident incident = rig.repository.find(TEAM, id).orElseThrow();
        assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incident.entries(TimelineEventType.ACKNOWLEDGED)).hasSize(1);
        assertThat(incident.entries(TimelineEventType.RESOLVED)).hasSize(1);
        assertThat(incident.entries(TimelineEventType.NOTE_ADDED)).hasSize(THREADS);
        List<TimelineEntry> tl = incident.timeline();
        for (int i = 0; i < tl.size(); i++) {
          assertThat(tl.get(i).sequence()).isEqualTo(i + 1L);
        }
        // OPENED at version 1, then one version per stored change: ack, 8 notes, resolve.
        assertThat(incident.version()).isEqualTo(1 + 1 + THREADS + 1);
        int ackAt = tl.indexOf(incident.entries(TimelineEventType.ACKNOWLEDGED).get(0));
        int resolvedAt = tl.indexOf(incident.entries(TimelineEventType.RESOLVED).get(0));
        assertThat(ackAt).isLessThan(resolvedAt);
        assertThat(incident.acknowledgedBy()).isEqualTo(tl.get(ackAt).actor());
      }
      assertThat(rig.repository.listOpen()).isEmpty();
    }
  }

  @Test
  void racingAlertsWithTheSameDedupKey_openOneIncident() throws Exception {
    try (IncidentsRig rig = new IncidentsRig()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<IncidentId>> results = new ArrayList<>();
      for (int t = 0; t < THREADS * 12; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return rig.incidents.openOrMerge(new IncidentDraft(TEAM, "db down", Severity.SEV1, null,
              null, "db", "alert", Map.of())).incident().orElseThrow().id();
        }));
      }
      start.countDown();
      IncidentId first = results.get(0).get(1, TimeUnit.MINUTES);
      for (Future<IncidentId> f : results) {
        assertThat(f.get(1, TimeUnit.MINUTES)).isEqualTo(first);
      }
      pool.shutdown();
      Incident incident = rig.repository.find(TEAM, first).orElseThrow();
      assertThat(incident.alertCount()).isEqualTo(THREADS * 12);
      assertThat(incident.entries(TimelineEventType.ALERT_RECEIVED)).hasSize(THREADS * 12);
    }
  }
}
