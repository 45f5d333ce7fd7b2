package dev.obskit.uptime.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.maintenance.OneOffWindow;
import dev.obskit.uptime.state.MonitorState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatServiceTest {
  private static final TeamId TEAM = TeamId.of("acme");
  private static final MonitorId JOB = MonitorId.of("nightly-backup");
  private static final String KEY = "uptime:heartbeat:nightly-backup";
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T00:00:00Z");
  private final AlertManager alerts = AlertManager.inMemory(clock, EventBus.synchronous(),
      IdGenerator.sequential("a"));
  private final AvailabilityStore store = new AvailabilityStore(clock);
  private final HeartbeatService service = new HeartbeatService(clock, alerts,
      EventBus.synchronous(), store, PiiScrubber.defaults());

  private MonitorState state() {
    return service.status(JOB).orElseThrow().state();
  }

  @Test
  void heartbeat_isPendingUntilFirstPing_andNeverAlertsBefore() {
    service.add(Heartbeat.of(JOB, TEAM, "Backup", Duration.ofHours(1), Duration.ofMinutes(10)));
    clock.advance(Duration.ofDays(2));
    service.evaluate();
    assertThat(state()).isEqualTo(MonitorState.PENDING);
    assertThat(alerts.listOpen(TEAM)).isEmpty();
  }

  @Test
  void missingPing_raisesAfterPeriodPlusGrace_nextPingResolves() {
    service.add(Heartbeat.of(JOB, TEAM, "Backup", Duration.ofHours(1), Duration.ofMinutes(10)));
    assertThat(service.ping("nightly-backup")).isEqualTo(PingOutcome.ACCEPTED);
    clock.advance(Duration.ofMinutes(70)); // exactly period + grace: still in time
    service.evaluate();
    assertThat(state()).isEqualTo(MonitorState.UP);
    clock.advance(Duration.ofSeconds(1));
    service.evaluate();
    assertThat(state()).isEqualTo(MonitorState.DOWN);
    assertThat(alerts.findOpen(TEAM, KEY)).hasValueSatisfying(a -> assertThat(a.latest().summary())
        .startsWith("Heartbeat Backup missed: no ping since 2026-03-01T00:00:00Z"));
    clock.advance(Duration.ofMinutes(5));
    service.ping("nightly-backup");
    assertThat(state()).isEqualTo(MonitorState.UP);
    assertThat(alerts.findOpen(TEAM, KEY)).isEmpty();
    // 70 min 1 s up, then 5 min down
    assertThat(store.summary(JOB, Instant.parse("2026-03-01T00:00:00Z"), clock.instant())
        .downMillis()).isEqualTo(300_000L);
  }

  @Test
  void failPing_raisesAtOnceWithMessageAndExitCode_scrubbed() {
    service.add(Heartbeat.of(JOB, TEAM, "Backup", Duration.ofHours(24), Duration.ofHours(1)));
    service.ping("nightly-backup");
    assertThat(service.fail("nightly-backup", "pg_dump failed for jane@example.com", 2))
        .isEqualTo(PingOutcome.ACCEPTED);
    assertThat(state()).isEqualTo(MonitorState.DOWN);
    assertThat(alerts.findOpen(TEAM, KEY)).hasValueSatisfying(a -> {
      assertThat(a.latest().details()).containsEntry("exitCode", "2");
      assertThat(a.latest().summary()).contains("exit code 2").doesNotContain("jane@example.com");
    });
    assertThat(service.status(JOB).orElseThrow().lastExitCode()).contains(2);
  }

  @Test
  void missingPingDuringMaintenance_raisesNothingUntilWindowEnds() {
    Instant start = clock.instant();
    service.add(new Heartbeat(JOB, TEAM, "Backup", Duration.ofMinutes(30), Duration.ZERO,
        List.of(new OneOffWindow(start.plusSeconds(1500), start.plusSeconds(7200)))));
    service.ping("nightly-backup");
    clock.advance(Duration.ofMinutes(60));
    service.evaluate();
    assertThat(state()).isEqualTo(MonitorState.MAINTENANCE);
    assertThat(alerts.listOpen(TEAM)).isEmpty();
    clock.advance(Duration.ofMinutes(61));
    service.evaluate();
    assertThat(state()).isEqualTo(MonitorState.DOWN);
  }

  @Test
  void pings_withBadOrUnknownIds_areRejectedNotThrown() {
    assertThat(service.ping("no-such-job")).isEqualTo(PingOutcome.UNKNOWN_HEARTBEAT);
    assertThat(service.ping("../../etc/passwd")).isEqualTo(PingOutcome.REJECTED);
    assertThat(service.ping(null)).isEqualTo(PingOutcome.REJECTED);
    assertThat(service.fail("x".repeat(500), "m", 1)).isEqualTo(PingOutcome.REJECTED);
    service.add(Heartbeat.of(JOB, TEAM, "Backup", Duration.ofHours(1), Duration.ZERO));
    assertThat(service.fail("nightly-backup", "y".repeat(10_000), 1))
        .isEqualTo(PingOutcome.ACCEPTED);
    assertThat(service.status(JOB).orElseThrow().lastFailure()).hasSize(1024);
  }

  @Test
  void pausedHeartbeat_ignoresPingsAndNeverAlerts() {
    service.add(Heartbeat.of(JOB, TEAM, "Backup", Duration.ofHours(1), Duration.ZERO));
    service.ping("nightly-backup");
    service.pause(JOB);
    assertThat(service.ping("nightly-backup")).isEqualTo(PingOutcome.PAUSED);
    clock.advance(Duration.ofDays(1));
    service.evaluate();
    assertThat(state()).isEqualTo(MonitorState.PAUSED);
    assertThat(alerts.listOpen(TEAM)).isEmpty();
  }

  @Test
  void heartbeat_validatesPeriodAndGrace() {
    assertThatThrownBy(() -> Heartbeat.of(JOB, TEAM, "x", Duration.ofSeconds(10), Duration.ZERO))
        .hasMessageContaining("period");
    assertThatThrownBy(() -> Heartbeat.of(JOB, TEAM, "x", Duration.ofHours(1),
        Duration.ofSeconds(-1))).hasMessageContaining("grace");
  }
}
