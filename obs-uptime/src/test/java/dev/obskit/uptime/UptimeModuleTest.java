package dev.obskit.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.AlertAction;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.uptime.availability.AvailabilitySummary;
import dev.obskit.uptime.availability.BucketStats;
import dev.obskit.uptime.availability.Granularity;
import org.assertj.core.groups.Tuple;
import dev.obskit.uptime.check.HttpSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.TlsSpec;
import dev.obskit.uptime.maintenance.OneOffWindow;
import dev.obskit.uptime.state.MonitorState;
import dev.obskit.uptime.state.StateTransition;
import dev.obskit.uptime.testing.LocalServer;
import dev.obskit.uptime.testing.TestCerts;
import dev.obskit.uptime.tls.TlsChecker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole module on a ManualClock against a real local HTTP server whose answer we switch. */
class UptimeModuleTest {
  private static final TeamId TEAM = TeamId.of("acme");
  private static final MonitorId WEB = MonitorId.of("web");
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger hits = new AtomicInteger();
  private final List<AlertEvent> alertEvents = new CopyOnWriteArrayList<>();
  private final List<UsageEvent> usage = new CopyOnWriteArrayList<>();
  private ManualClock clock = ManualClock.startingAt(T0);
  private HttpServer server;
  private ObsKit kit;
  private UptimeModule uptime;
  @TempDir
  Path dir;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/health", exchange -> {
      hits.incrementAndGet();
      byte[] body = (status.get() == 200 ? "ok" : "broken").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  @AfterEach
  void stop() {
    if (kit != null) {
      kit.close();
    }
    server.stop(0);
  }

  private void startKit(UptimeConfig.Builder config) {
    kit = ObsKit.builder().setClock(clock)
        .addModule(ctx -> UptimeModule.create(ctx, config.setDriverEnabled(false)
            .setJitter(false).build()))
        .build().start();
    kit.context().eventBus().subscribe(AlertEvent.class, alertEvents::add);
    kit.context().eventBus().subscribe(UsageEvent.class, usage::add);
    uptime = kit.module(UptimeModule.class);
  }

  private Monitor web() {
    return Monitor.builder(WEB, TEAM, HttpSpec.builder("http://127.0.0.1:"
            + server.getAddress().getPort() + "/health").setRequiredKeyword("ok").build())
        .setName("Web").setFrequency(Duration.ofSeconds(30)).setTimeout(Duration.ofSeconds(5))
        .setConfirmationPeriod(Duration.ofSeconds(60)).setRecoveryPeriod(Duration.ofSeconds(60))
        .build();
  }

  /** Runs due checks at T0 + seconds, waiting for them to be applied. */
  private void at(int seconds) {
    clock.setInstant(T0.plusSeconds(seconds));
    uptime.runDue().orTimeout(30, TimeUnit.SECONDS).join();
  }

  private List<AlertAction> actions(String key) {
    return alertEvents.stream().filter(e -> e.alert().dedupKey().equals(key))
        .map(AlertEvent::action).toList();
  }

  /**
   * The SLI counts check results, not confirmed downtime: failing every other check for an hour
   * never confirms an outage (uptime stays 100 %), but 60 of 120 checks failed, an error ratio of
   * 0.5 = 500x the 0.1 % budget over 1 h and over 5 m (5 of 10): the page fires.
   */
  @Test
  void slo_failingEveryOtherCheck_burnsBudgetWhileUptimeStays100Percent() {
    startKit(UptimeConfig.builder().addSlo(dev.obskit.uptime.slo.Slo.builder("web-slo", TEAM)
        .addMonitor(WEB).setObjective(0.999).build()));
    uptime.addMonitor(web());
    for (int i = 0; i < 120; i++) {
      status.set(i % 2 == 0 ? 200 : 500);
      at(i * 30);
    }
    var slo = uptime.evaluateSlo("web-slo").orElseThrow();
    assertThat(slo.rules().get(0).longBurn()).isEqualTo(500.0);
    assertThat(slo.rules().get(0).shortBurn()).isEqualTo(500.0);
    assertThat(slo.consumedEvents()).isEqualTo(60);
    assertThat(slo.paging()).isTrue();
    assertThat(kit.context().alerts().findOpen(TEAM, "uptime:slo:web-slo:page")).isPresent();
    assertThat(actions("uptime:monitor:web")).isEmpty();
    AvailabilitySummary s = uptime.availability().summary(WEB, T0, T0.plusSeconds(3600));
    assertThat(s.downMillis()).isZero();
    assertThat(s.uptimePercent()).isEqualTo(100.0);
  }

  @Test
  void failingEndpoint_triggersAfterConfirmation_resolvesAfterRecovery() {
    startKit(UptimeConfig.builder());
    uptime.addMonitor(web());
    at(0);
    status.set(500);
    at(30);
    at(60);
    assertThat(uptime.state(WEB)).contains(MonitorState.PENDING);
    assertThat(actions("uptime:monitor:web")).isEmpty();
    at(90);
    assertThat(uptime.state(WEB)).contains(MonitorState.DOWN);
    assertThat(kit.context().alerts().findOpen(TEAM, "uptime:monitor:web")).hasValueSatisfying(a -> {
      assertThat(a.latest().severity()).isEqualTo(AlertSeverity.CRITICAL);
      assertThat(a.latest().summary()).isEqualTo("Web is down: HTTP 500 (expected 2xx)");
      assertThat(a.latest().details()).containsEntry("statusCode", "500");
    });
    status.set(200);
    at(120);
    at(150);
    assertThat(kit.context().alerts().findOpen(TEAM, "uptime:monitor:web")).isPresent();
    at(180);
    assertThat(actions("uptime:monitor:web"))
        .containsExactly(AlertAction.TRIGGERED, AlertAction.RESOLVED);
    assertThat(uptime.transitions(WEB)).extracting(StateTransition::to).containsExactly(
        MonitorState.UP, MonitorState.PENDING, MonitorState.DOWN, MonitorState.UP);
    assertThat(uptime.transitions(WEB).get(2).at()).isEqualTo(T0.plusSeconds(90));

    AvailabilitySummary s = uptime.availability().summary(WEB, T0, T0.plusSeconds(180));
    // up [0,30) + recovery [120,180); down from the first failure at 30 to the first success at 120
    assertThat(s.upMillis()).isEqualTo(90_000L);
    assertThat(s.downMillis()).isEqualTo(90_000L);
    assertThat(s.uptimePercent()).isEqualTo(50.0);
    assertThat(s.incidents()).isEqualTo(1);
    assertThat(s.longestOutage()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void confirmedFailure_downtimeIsBackdatedToTheFirstFailedCheck_inMinuteBuckets() {
    startKit(UptimeConfig.builder());
    uptime.addMonitor(web());
    at(0);
    status.set(500);
    at(30);
    at(60);
    // still being confirmed: [30, 60) is neither up nor down yet
    AvailabilitySummary pending = uptime.availability().summary(WEB, T0, T0.plusSeconds(120));
    assertThat(pending.upMillis()).isEqualTo(30_000L);
    assertThat(pending.downMillis()).isZero();
    at(90); // 60 s after the first failure: confirmed
    List<BucketStats> minutes = uptime.availability().buckets(
        WEB, Granularity.MINUTE, T0, T0.plusSeconds(120));
    // by hand: minute 09:00 = up [0,30) + down [30,60); minute 09:01 = down [60,90) so far
    assertThat(minutes).extracting(b -> b.upMillis(), b -> b.downMillis()).containsExactly(
        Tuple.tuple(30_000L, 30_000L),
        Tuple.tuple(0L, 30_000L));
    assertThat(uptime.availability().summary(WEB, T0, T0.plusSeconds(120)).downMillis())
        .isEqualTo(60_000L);
  }

  @Test
  void unconfirmedBlip_countsNoDowntime_inMinuteBuckets() {
    startKit(UptimeConfig.builder());
    uptime.addMonitor(web());
    at(0);
    status.set(500);
    at(30);
    status.set(200);
    at(60);
    at(90);
    List<BucketStats> minutes = uptime.availability().buckets(
        WEB, Granularity.MINUTE, T0, T0.plusSeconds(120));
    assertThat(minutes).extracting(b -> b.upMillis(), b -> b.downMillis()).containsExactly(
        Tuple.tuple(60_000L, 0L),
        Tuple.tuple(30_000L, 0L));
    assertThat(minutes.get(0).failedChecks()).isEqualTo(1); // the failed check is still counted
    assertThat(alertEvents).isEmpty();
  }

  @Test
  void flappingEndpoint_failureShorterThanConfirmation_raisesNothing() {
    startKit(UptimeConfig.builder());
    uptime.addMonitor(web());
    for (int s = 0; s <= 600; s += 30) {
      status.set((s / 30) % 3 == 1 ? 503 : 200); // one failed check in three
      at(s);
    }
    assertThat(alertEvents).isEmpty();
    assertThat(uptime.availability().summary(WEB, T0, T0.plusSeconds(600)).downMillis()).isZero();
    assertThat(hits.get()).isEqualTo(21);
  }

  @Test
  void maintenanceWindow_failuresRaiseNothing_timeBookedAsMaintenance() {
    startKit(UptimeConfig.builder());
    uptime.addMonitor(web().toBuilder().addMaintenance(
        new OneOffWindow(T0.plusSeconds(20), T0.plusSeconds(300))).build());
    at(0);
    status.set(500);
    for (int s = 30; s <= 270; s += 30) {
      at(s);
    }
    assertThat(uptime.state(WEB)).contains(MonitorState.MAINTENANCE);
    assertThat(alertEvents).isEmpty();
    status.set(200);
    at(300);
    assertThat(uptime.state(WEB)).contains(MonitorState.UP);
    AvailabilitySummary s = uptime.availability().summary(WEB, T0, T0.plusSeconds(300));
    assertThat(s.downMillis()).isZero();
    assertThat(s.maintenanceMillis()).isEqualTo(270_000L);
  }

  @Test
  void pausedMonitor_isNotChecked_andResumes() {
    startKit(UptimeConfig.builder());
    uptime.addMonitor(web());
    at(0);
    uptime.pause(WEB);
    status.set(500);
    at(30);
    at(300);
    assertThat(hits.get()).isEqualTo(1);
    assertThat(uptime.state(WEB)).contains(MonitorState.PAUSED);
    uptime.resume(WEB);
    at(330);
    assertThat(hits.get()).isEqualTo(2);
    assertThat(uptime.state(WEB)).contains(MonitorState.PENDING);
  }

  @Test
  void monitorCount_isReportedAsUsage() {
    startKit(UptimeConfig.builder());
    uptime.addMonitor(web());
    uptime.addMonitor(web().toBuilder().setName("Web again").build());
    uptime.addMonitor(Monitor.builder(MonitorId.of("web2"), TEAM, HttpSpec.get("http://127.0.0.1:1/"))
        .build());
    assertThat(usage).filteredOn(u -> u.meter().equals(Meters.MONITORS))
        .extracting(UsageEvent::quantity).containsExactly(1L, 1L, 2L);
    uptime.removeMonitor(MonitorId.of("web2"));
    assertThat(usage.get(usage.size() - 1).quantity()).isEqualTo(1L);
  }

  @Test
  void certificateNearExpiry_raisesWarningsAtEachThreshold() throws Exception {
    TestCerts certs = TestCerts.generate(dir, null, 40, "dns:localhost");
    clock = ManualClock.startingAt(Instant.now());
    try (LocalServer tls = LocalServer.start(certs.serverContext().getServerSocketFactory(),
        (s, in, out) -> {
          ((SSLSocket) s).startHandshake();
          in.readLine();
        })) {
      var pool = Executors.newFixedThreadPool(1);
      startKit(UptimeConfig.builder().addChecker(new TlsChecker(clock, pool,
          certs.trustManager())));
      MonitorId cert = MonitorId.of("cert");
      uptime.addMonitor(Monitor.builder(cert, TEAM, TlsSpec.of("localhost", tls.port()))
          .setName("Cert").setFrequency(Duration.ofHours(6)).build());
      uptime.runDue().orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(kit.context().alerts().findOpen(TEAM, "uptime:tls-expiry:cert")).isEmpty();
      clock.advance(Duration.ofDays(10)); // ~29 days left: the 30-day threshold
      uptime.runDue().orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(kit.context().alerts().findOpen(TEAM, "uptime:tls-expiry:cert"))
          .hasValueSatisfying(a -> {
            assertThat(a.latest().severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(a.latest().details()).containsEntry("threshold", "30");
          });
      clock.advance(Duration.ofHours(6)); // same threshold: no new trigger
      uptime.runDue().orTimeout(30, TimeUnit.SECONDS).join();
      clock.advance(Duration.ofDays(16)); // ~13 days left: the 14-day threshold
      uptime.runDue().orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(actions("uptime:tls-expiry:cert"))
          .containsExactly(AlertAction.TRIGGERED, AlertAction.MERGED);
      assertThat(uptime.state(cert)).contains(MonitorState.UP);
      pool.shutdownNow();
    }
  }
}
