package dev.obskit.incidents.incident;

import static dev.obskit.incidents.IncidentsRig.ALICE;
import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IncidentId;
import dev.obskit.incidents.IncidentsRig;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every subscriber sees one incident's changes in revision order. */
class EventOrderTest {
  private static final EscalationPolicyId POLICY = EscalationPolicyId.of("ops");
  private final IncidentsRig rig = new IncidentsRig();

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void open_withAnImmediateEscalation_busSeesOpenedBeforeEscalated() {
    rig.policies.add(EscalationPolicy.builder(TEAM, POLICY, "Ops")
        .addStep(Duration.ofMinutes(5), new EscalationTarget.User(ALICE)).build());
    List<String> bus = Collections.synchronizedList(new ArrayList<>());
    List<String> lateListener = Collections.synchronizedList(new ArrayList<>());
    rig.bus.subscribe(IncidentEvent.class, e -> bus.add(e.type() + " v" + e.incident().version()));
    rig.incidents.addListener(e -> lateListener.add(e.type() + " v" + e.incident().version()));

    rig.incidents.openOrMerge(new IncidentDraft(TEAM, "checkout down", Severity.SEV1, null, POLICY,
        "uptime:checkout", "alert", Map.of()));
    rig.drain();

    // The engine (the first listener) escalates while being told about OPENED; before the fix
    // the bus got "ESCALATED v2" first.
    assertThat(bus).startsWith("OPENED v1", "ESCALATED v2");
    assertThat(versions(bus)).isSorted();
    assertThat(lateListener).startsWith("OPENED v1", "ESCALATED v2");
    assertThat(versions(lateListener)).isSorted();
  }

  @Test
  void concurrentChanges_reachSubscribersInVersionOrder() throws Exception {
    IncidentId id = rig.incidents.open(new IncidentDraft(TEAM, "db slow", Severity.SEV3, null, null,
        "", "manual", Map.of())).incident().orElseThrow().id();
    Map<IncidentId, List<Long>> seen = new ConcurrentHashMap<>();
    rig.bus.subscribe(IncidentEvent.class, e -> seen.computeIfAbsent(e.incident().id(),
        k -> Collections.synchronizedList(new ArrayList<>())).add(e.incident().version()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < 8; t++) {
      int thread = t;
      pool.submit(() -> {
        go.await();
        for (int i = 0; i < 50; i++) {
          rig.incidents.addNote(TEAM, id, "user:" + thread, "note " + i);
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    List<Long> versions = seen.get(id);
    assertThat(versions).hasSize(400).isSorted().doesNotHaveDuplicates();
    assertThat(versions.get(0)).isEqualTo(2L);
  }

  private static List<Integer> versions(List<String> events) {
    List<String> copy;
    synchronized (events) {
      copy = new ArrayList<>(events);
    }
    return copy.stream().map(s -> Integer.parseInt(s.substring(s.lastIndexOf('v') + 1))).toList();
  }
}
