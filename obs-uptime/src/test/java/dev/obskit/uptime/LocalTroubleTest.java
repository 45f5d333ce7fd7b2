package dev.obskit.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.AlertAction;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckStatus;
import dev.obskit.uptime.check.MailSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.SkipCause;
import dev.obskit.uptime.state.MonitorState;
import dev.obskit.uptime.testing.LocalServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A saturated probe pool is ObsKit's trouble, not the targets': a pool of one thread with one
 * waiting slot and 100 monitors due every 30 s on a ManualClock. The first probe holds the only
 * thread (the local SMTP server greets only when the test releases it), the second waits in the
 * queue, and every other check is refused: 98 in the first round, all 100 in the later ones.
 */
class LocalTroubleTest {
  private static final TeamId TEAM = TeamId.of("acme");
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final ManualClock clock = ManualClock.startingAt(T0);
  private final List<AlertEvent> alerts = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private ObsKit kit;
  private UptimeModule uptime;
  private LocalServer smtp;

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    if (kit != null) {
      kit.close();
    }
    if (smtp != null) {
      smtp.close();
    }
  }

  private void start() throws Exception {
    smtp = LocalServer.start((s, in, out) -> {
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      LocalServer.write(out, "220 local ESMTP\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equalsIgnoreCase("QUIT")) {
          LocalServer.write(out, "221 bye\r\n");
          return;
        }
      }
    });
    UptimeConfig.Builder config = UptimeConfig.builder().setDriverEnabled(false).setJitter(false)
        .setProbeThreads(1).setProbeQueueCapacity(1)
        .setUnknownAlertAfter(Duration.ofMinutes(2));
    for (int i = 0; i < 100; i++) {
      config.addMonitor(Monitor.builder(id(i), TEAM,
              MailSpec.plain(MailSpec.Protocol.SMTP, "127.0.0.1", smtp.port()))
          .setFrequency(Duration.ofSeconds(30)).setTimeout(Duration.ofSeconds(25)).build());
    }
    kit = ObsKit.builder().setClock(clock)
        .addModule(ctx -> UptimeModule.create(ctx, config.build())).build().start();
    kit.context().eventBus().subscribe(AlertEvent.class, alerts::add);
    uptime = kit.module(UptimeModule.class);
  }

  private static MonitorId id(int i) {
    return MonitorId.of("m" + i);
  }

  /**
   * Runs the round due at T0 + seconds. Refused checks complete (and are applied) before runDue
   * returns; the two held probes of the first round stay held until {@link #release}.
   */
  private CompletableFuture<Void> roundAt(int seconds) {
    clock.setInstant(T0.plusSeconds(seconds));
    return uptime.runDue();
  }

  private long unknownNow() {
    return IntStream.range(0, 100).mapToObj(i -> uptime.lastResult(id(i)))
        .filter(r -> r.isPresent() && r.get().status() == CheckStatus.UNKNOWN).count();
  }

  private long count(MonitorState state) {
    return IntStream.range(0, 100).filter(i -> uptime.state(id(i)).orElseThrow() == state)
        .count();
  }

  @Test
  void saturatedPool_checksAreUnknown_noMonitorDown_oneSelfMonitoringAlert() throws Exception {
    start();
    CompletableFuture<Void> first = roundAt(0);

    assertThat(unknownNow()).isEqualTo(98);
    assertThat(uptime.uncheckedCounts(id(0))).isEmpty();
    assertThat(uptime.uncheckedCounts(id(1))).isEmpty();
    assertThat(uptime.uncheckedCounts(id(99))).isEqualTo(Map.of(SkipCause.PROBE_QUEUE_FULL, 1L));
    UptimeHealth health = uptime.uptimeHealth();
    assertThat(health.status()).isEqualTo(UptimeHealth.Status.DEGRADED);
    assertThat(health.uncheckedByCause()).isEqualTo(Map.of(SkipCause.PROBE_QUEUE_FULL, 98L));
    assertThat(health.reasons()).singleElement().asString()
        .startsWith("probe queue full: 98 check(s) could not run");

    // Four more rounds: 2 minutes of refusals, far past the 60 s confirmation period.
    for (int s = 30; s <= 120; s += 30) {
      roundAt(s);
      assertThat(unknownNow()).isEqualTo(100);
    }
    assertThat(count(MonitorState.DOWN)).isZero();
    assertThat(count(MonitorState.PENDING)).isEqualTo(100);
    assertThat(uptime.uncheckedCounts(id(99))).isEqualTo(Map.of(SkipCause.PROBE_QUEUE_FULL, 5L));
    assertThat(uptime.uncheckedCounts(id(0))).isEqualTo(Map.of(SkipCause.PROBE_QUEUE_FULL, 4L));
    assertThat(uptime.uptimeHealth().uncheckedByCause())
        .isEqualTo(Map.of(SkipCause.PROBE_QUEUE_FULL, 98L + 4 * 100L));
    assertThat(alerts).noneMatch(e -> e.alert().dedupKey().startsWith("uptime:monitor:"));
    // m2..m99 have seen only UNKNOWN since T0: 2 minutes at T0+120 s; m0 and m1 only since 30 s.
    assertThat(alerts).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AlertAction.TRIGGERED);
      assertThat(e.alert().dedupKey()).isEqualTo(UptimeModule.selfMonitoringDedupKey());
      assertThat(e.alert().teamId()).isEqualTo(UptimeConfig.DEFAULT_OPERATOR_TEAM);
      assertThat(e.alert().latest().summary()).startsWith(
          "ObsKit could not run the checks of 98 monitor(s) for 2 min or more (probe queue full");
    });

    roundAt(150);
    assertThat(alerts).hasSize(1);
    // No availability was booked for checks that did not run.
    var s99 = uptime.availability().summary(id(99), T0, T0.plusSeconds(150));
    assertThat(s99.upMillis() + s99.downMillis()).isZero();

    release.countDown();
    first.orTimeout(30, TimeUnit.SECONDS).join();
    assertThat(uptime.state(id(0))).contains(MonitorState.UP);
    assertThat(count(MonitorState.DOWN)).isZero();
  }

  @Test
  void probeWorkerKilledByAnError_isReplacedAndReported() throws Exception {
    start();
    uptime.probes().executeRaw(() -> {
      throw new Error("worker killer");
    });
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        uptime.uptimeHealth().status() == UptimeHealth.Status.DEGRADED);
    assertThat(uptime.uptimeHealth().reasons()).singleElement().asString()
        .startsWith("probe thread died; replaced: java.lang.Error: worker killer (1 time(s)");
    CountDownLatch ran = new CountDownLatch(1);
    uptime.probes().executeRaw(ran::countDown);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void health_withoutTrouble_isHealthy() throws Exception {
    start();
    assertThat(uptime.uptimeHealth().status()).isEqualTo(UptimeHealth.Status.HEALTHY);
    assertThat(uptime.uptimeHealth().reasons()).isEmpty();
  }
}
