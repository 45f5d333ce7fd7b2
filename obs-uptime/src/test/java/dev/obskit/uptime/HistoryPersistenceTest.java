package dev.obskit.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.AlertAction;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.availability.AvailabilitySummary;
import dev.obskit.uptime.availability.BucketStats;
import dev.obskit.uptime.availability.Granularity;
import dev.obskit.uptime.check.HttpSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.history.FileHistoryStore;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.MonitorState;
import dev.obskit.uptime.state.Segment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History and monitor state survive a restart of the module (real HTTP peer, ManualClock). */
class HistoryPersistenceTest {
  private static final TeamId TEAM = TeamId.of("acme");
  private static final MonitorId WEB = MonitorId.of("web");
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final AtomicInteger status = new AtomicInteger(200);
  private final List<AlertEvent> alertEvents = new CopyOnWriteArrayList<>();
  private final ManualClock clock = ManualClock.startingAt(T0);
  private HttpServer server;
  private ObsKit kit;
  private UptimeModule uptime;
  @TempDir
  Path dir;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/health", exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
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

  private Path file() {
    return dir.resolve("uptime-history.bin");
  }

  private void startKit() {
    alertEvents.clear();
    kit = ObsKit.builder().setClock(clock)
        .addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder()
            .setDriverEnabled(false).setJitter(false)
            .setHistoryStore(FileHistoryStore.of(file()))
            .setSnapshotInterval(Duration.ofMinutes(5))
            .addMonitor(web()).build()))
        .build().start();
    kit.context().eventBus().subscribe(AlertEvent.class, alertEvents::add);
    uptime = kit.module(UptimeModule.class);
  }

  private void restart() {
    kit.close(); // saves a last snapshot
    kit = null;
    startKit();
  }

  private Monitor web() {
    return Monitor.builder(WEB, TEAM, HttpSpec.builder("http://127.0.0.1:"
            + server.getAddress().getPort() + "/health").build())
        .setName("Web").setFrequency(Duration.ofSeconds(30)).setTimeout(Duration.ofSeconds(5))
        .setConfirmationPeriod(Duration.ofSeconds(60)).setRecoveryPeriod(Duration.ofSeconds(60))
        .build();
  }

  private void at(int seconds) {
    clock.setInstant(T0.plusSeconds(seconds));
    uptime.runDue().orTimeout(30, TimeUnit.SECONDS).join();
  }

  @Test
  void periodicSnapshot_followsTheModuleClock() throws Exception {
    startKit();
    at(0);
    at(270);
    assertThat(file()).doesNotExist(); // 4.5 minutes: not due yet
    at(300);
    assertThat(file()).exists();
    byte[] first = Files.readAllBytes(file());
    at(330);
    assertThat(Files.readAllBytes(file())).isEqualTo(first); // next one at 600 s
    at(600);
    assertThat(Files.readAllBytes(file())).isNotEqualTo(first);
  }

  @Test
  void restart_restoresBucketsOutagesAndAnOpenOutage_thenResolvesIt() {
    startKit();
    at(0);
    status.set(500);
    for (int s = 30; s <= 120; s += 30) {
      at(s); // down confirmed at 90 s, back-dated to the first failure at 30 s
    }
    assertThat(uptime.state(WEB)).contains(MonitorState.DOWN);
    List<BucketStats> minutesBefore = uptime.availability().buckets(WEB, Granularity.MINUTE,
        T0, T0.plusSeconds(180));
    AvailabilitySummary before = uptime.availability().summary(WEB, T0, T0.plusSeconds(120));

    restart();
    assertThat(uptime.state(WEB)).contains(MonitorState.DOWN);
    assertThat(uptime.availability().buckets(WEB, Granularity.MINUTE, T0, T0.plusSeconds(180)))
        .isEqualTo(minutesBefore);
    assertThat(uptime.availability().summary(WEB, T0, T0.plusSeconds(120)))
        .isEqualTo(before);
    // the restored outage's alert is raised again (the in-memory alert manager lost it)
    assertThat(kit.context().alerts().findOpen(TEAM, UptimeModule.dedupKey(WEB))).isPresent();

    status.set(200);
    clock.setInstant(T0.plusSeconds(600)); // the host was down 8 minutes: not counted
    for (int s = 600; s <= 660; s += 30) {
      at(s);
    }
    assertThat(uptime.state(WEB)).contains(MonitorState.UP);
    // (the re-trigger happened while the module was created, before this test subscribed)
    assertThat(alertEvents).extracting(AlertEvent::action).containsExactly(AlertAction.RESOLVED);
    assertThat(kit.context().alerts().findOpen(TEAM, UptimeModule.dedupKey(WEB))).isEmpty();
    AvailabilitySummary s = uptime.availability().summary(WEB, T0, T0.plusSeconds(660));
    // up [0,30) + [600,660); down [30,120); the 480 s while stopped are neither
    assertThat(s.upMillis()).isEqualTo(90_000L);
    assertThat(s.downMillis()).isEqualTo(90_000L);
    assertThat(s.incidents()).isEqualTo(1);
    // the outage runs from the first failure to the first success of the recovery
    assertThat(s.longestOutage()).isEqualTo(Duration.ofSeconds(570));
  }

  @Test
  void realTimeDriver_savesInTheBackground_alsoAfterAnOnDemandSave() throws Exception {
    kit = ObsKit.builder().setClock(clock)
        .addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder()
            .setHistoryStore(FileHistoryStore.of(file()))
            .setSnapshotInterval(Duration.ofMinutes(5)).build()))
        .build().start();
    uptime = kit.module(UptimeModule.class);
    uptime.availability().book(WEB, new Segment(T0.minusSeconds(60), T0,
        Booking.UP));
    assertThat(uptime.saveHistory()).isTrue();
    assertThat(FileHistoryStore.of(file()).load(r -> { })).contains(T0);
    clock.advance(Duration.ofMinutes(5)); // the driver thread's next tick sees the snapshot due
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        FileHistoryStore.of(file()).load(r -> { }).equals(
            Optional.of(T0.plusSeconds(300))));
  }

  @Test
  void corruptFile_startsEmpty_movesItAside_andSavesAfresh() throws Exception {
    startKit();
    at(0);
    at(30);
    restart();
    kit.close();
    kit = null;
    byte[] good = Files.readAllBytes(file());
    Files.write(file(), Arrays.copyOf(good, good.length / 2)); // truncated by a crash or a copy

    startKit(); // must not throw
    assertThat(uptime.availability().summary(WEB, T0, T0.plusSeconds(60)).upMillis()).isZero();
    Path aside = dir.resolve("uptime-history.bin.corrupt-" + clock.millis());
    assertThat(aside).exists();
    assertThat(Files.readAllBytes(aside)).hasSize(good.length / 2);
    at(60);
    at(90);
    uptime.saveHistory();
    assertThat(file()).exists();
    restart();
    assertThat(uptime.availability().summary(WEB, T0, T0.plusSeconds(120)).upMillis())
        .isEqualTo(30_000L);
  }
}
