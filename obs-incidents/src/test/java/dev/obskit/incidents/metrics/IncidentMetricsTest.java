package dev.obskit.incidents.metrics;

import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.IncidentsRig;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentMetricsTest {
  private static final ServiceId CHECKOUT = ServiceId.of("checkout");
  private final IncidentsRig rig = new IncidentsRig();

  @AfterEach
  void close() {
    rig.close();
  }

  /** Opens an incident now, acks after {@code ackMin} minutes (if >= 0), resolves after {@code resMin}. */
  private IncidentId incident(ServiceId service, int ackMin, int resMin) {
    IncidentId id = rig.incidents.open(IncidentDraft.manual(TEAM, "x", Severity.SEV2, service, null,
        "host")).incident().orElseThrow().id();
    Instant start = rig.clock.instant();
    if (ackMin >= 0) {
      rig.clock.setInstant(start.plus(Duration.ofMinutes(ackMin)));
      rig.incidents.acknowledge(TEAM, id, "user:alice");
    }
    rig.clock.setInstant(start.plus(Duration.ofMinutes(resMin)));
    rig.incidents.resolve(TEAM, id, "user:alice", "");
    return id;
  }

  @Test
  void ttaTtrPercentilesAndMtbf_matchHandComputedValues() {
    Instant from = rig.clock.instant();
    // TTA minutes 1..10, TTR minutes 10..100 step 10; 2 hours between one resolution and the next start.
    for (int k = 1; k <= 10; k++) {
      incident(CHECKOUT, k, 10 * k);
      rig.clock.advance(Duration.ofHours(2));
    }
    incident(ServiceId.of("search"), -1, 7);
    ResponseReport r = rig.incidents.repository() == null ? null
        : new IncidentMetrics(rig.repository).forService(TEAM, CHECKOUT, from, rig.clock.instant());
    assertThat(r.incidents()).isEqualTo(10);
    ResponseStats tta = r.timeToAcknowledge();
    assertThat(tta.count()).isEqualTo(10);
    assertThat(tta.mean()).isEqualTo(Duration.ofSeconds(330)); // 5.5 min
    assertThat(tta.p50()).isEqualTo(Duration.ofMinutes(5));    // ceil(0.5*10)=5th
    assertThat(tta.p90()).isEqualTo(Duration.ofMinutes(9));    // 9th
    assertThat(tta.p95()).isEqualTo(Duration.ofMinutes(10));   // ceil(9.5)=10th
    assertThat(r.mttr()).isEqualTo(Duration.ofMinutes(55));
    assertThat(r.timeToResolve().p90()).isEqualTo(Duration.ofMinutes(90));
    assertThat(r.meanTimeBetweenFailures()).contains(Duration.ofHours(2));
    assertThat(r.stillOpen()).isZero();

    ResponseReport team = new IncidentMetrics(rig.repository).forTeam(TEAM, from, rig.clock.instant());
    assertThat(team.incidents()).isEqualTo(11);
    assertThat(team.timeToAcknowledge().count()).isEqualTo(10);
    assertThat(team.timeToResolve().count()).isEqualTo(11);
    assertThat(new IncidentMetrics(rig.repository).forTeam(TeamId.of("other"), from,
        rig.clock.instant()).incidents()).isZero();
  }

  @Test
  void emptyRange_hasEmptyStats_andNoMtbf() {
    ResponseReport r = new IncidentMetrics(rig.repository).forTeam(TEAM, rig.clock.instant(),
        rig.clock.instant().plusSeconds(60));
    assertThat(r.timeToAcknowledge()).isEqualTo(ResponseStats.empty());
    assertThat(r.meanTimeBetweenFailures()).isEmpty();
  }

  @Test
  void percentile_nearestRank() {
    List<Duration> one = List.of(Duration.ofSeconds(7));
    assertThat(ResponseStats.percentile(one, 95)).isEqualTo(Duration.ofSeconds(7));
    List<Duration> hundred = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      hundred.add(Duration.ofSeconds(i));
    }
    assertThat(ResponseStats.of(hundred).p95()).isEqualTo(Duration.ofSeconds(95));
    assertThat(ResponseStats.of(hundred).p50()).isEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void binder_exportsMicrometerMeters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new IncidentMetricsBinder(rig.repository, rig.clock, Duration.ofDays(30), List.of(TEAM))
        .bindTo(registry);
    incident(CHECKOUT, 2, 20);
    rig.clock.advance(Duration.ofHours(1));
    incident(CHECKOUT, 4, 40);
    rig.incidents.open(IncidentDraft.manual(TEAM, "open", Severity.SEV1, null, null, "host"));
    rig.clock.advance(Duration.ofMinutes(1));
    assertThat(registry.get("obskit.incidents.tta").tag("stat", "mean").timeGauge()
        .value(TimeUnit.SECONDS)).isEqualTo(180.0);
    assertThat(registry.get("obskit.incidents.ttr").tag("stat", "p95").timeGauge()
        .value(TimeUnit.MINUTES)).isEqualTo(40.0);
    assertThat(registry.get("obskit.incidents.open").tag("status", "TRIGGERED").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get("obskit.incidents.count").gauge().value()).isEqualTo(3.0);
    // gaps: first resolved 09:20, second opened 10:20 (60 min); second resolved 11:00, third
    // opened 11:00 (0 min) -> mean 30 min
    assertThat(registry.get("obskit.incidents.mtbf").timeGauge().value(TimeUnit.MINUTES))
        .isEqualTo(30.0);
  }
}
