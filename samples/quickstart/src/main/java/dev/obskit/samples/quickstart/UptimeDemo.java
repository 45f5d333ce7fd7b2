package dev.obskit.samples.quickstart;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.event.Subscription;
import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.UptimeConfig;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.availability.AvailabilitySummary;
import dev.obskit.uptime.check.HttpSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.TcpSpec;
import dev.obskit.uptime.heartbeat.Heartbeat;
import dev.obskit.uptime.slo.Slo;
import dev.obskit.uptime.slo.SloStatus;
import dev.obskit.uptime.state.StateTransition;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Uptime: the section starts its own little HTTP server with a healthy API and a shop page that
 * is made to fail for four minutes, watches them (plus a TCP port and a heartbeat) on the demo's
 * simulated clock, and prints state changes, the alert raised after the confirmation period and
 * resolved after the recovery period, uptime % and the SLO budget left. The failing monitor's
 * alert dedup key is left in {@code env.facts()} for the incidents section.
 */
final class UptimeDemo implements DemoSection {
  static final String FAILING_KEY_FACT = "uptime.failingDedupKey";
  private static final MonitorId API = MonitorId.of("demo-api");
  private static final MonitorId SHOP = MonitorId.of("demo-shop");
  private static final MonitorId PORT = MonitorId.of("demo-port");

  @Override
  public String title() {
    return "obs-uptime: local endpoints watched, one failing for a while (confirmation and"
        + " recovery periods, alert raised and resolved, uptime %)";
  }

  @Override
  public void addModules(ObsKitBuilder builder, DemoEnvironment env) {
    // The demo drives time itself, so no real-time driver thread and no start-up jitter.
    builder.addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder()
        .setDriverEnabled(false).setJitter(false).build()));
  }

  @Override
  public void run(ObsKit kit, DemoEnvironment env, PrintStream out) throws Exception {
    UptimeModule uptime = kit.module(UptimeModule.class);
    AtomicBoolean shopBroken = new AtomicBoolean(false);
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService serverThreads = Executors.newFixedThreadPool(2);
    server.createContext("/api/health", ex -> respond(ex, 200, "{\"status\":\"ok\"}"));
    server.createContext("/shop", ex -> {
      if (shopBroken.get()) {
        respond(ex, 503, "<h1>Service Unavailable</h1>");
      } else {
        respond(ex, 200, "<h1>Shop</h1><p>3 items in stock</p>");
      }
    });
    server.setExecutor(serverThreads);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Subscription transitions = kit.context().eventBus().subscribe(StateTransition.class,
        t -> out.printf("  state      %-9s %-11s -> %-11s at %s  %s%n", t.monitorId(), t.from(),
            t.to(), env.clock().instant().toString().substring(11, 19), t.reason()));
    Subscription alerts = kit.context().eventBus().subscribe(AlertEvent.class, e -> {
      if (e.alert().dedupKey().startsWith("uptime:")) {
        out.printf("  alert      %-9s %s  \"%s\"%n", e.action(), e.alert().dedupKey(),
            e.alert().latest().summary());
      }
    });
    try {
      Instant start = env.clock().instant();
      declare(uptime, env, base, server.getAddress().getPort());
      out.println("  watching   " + base + "/api/health, " + base + "/shop (keyword 'in stock'),"
          + " tcp port " + server.getAddress().getPort() + ", heartbeat demo-nightly-job");
      out.println("  every 30 s, confirmation 60 s, recovery 60 s; the shop fails from minute 2"
          + " to minute 6");
      uptime.heartbeats().ping("demo-nightly-job");
      for (int step = 0; step <= 20; step++) {
        shopBroken.set(step >= 4 && step < 12);
        if (step > 0) {
          env.clock().advance(Duration.ofSeconds(30));
        }
        uptime.runDue().get(30, TimeUnit.SECONDS);
      }
      // whole minutes around the demo, so no bucket at either edge is cut off
      Instant end = env.clock().instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
      start = start.truncatedTo(ChronoUnit.MINUTES);
      for (MonitorId id : List.of(API, SHOP, PORT)) {
        AvailabilitySummary s = uptime.availability().summary(id, start, end);
        out.printf(Locale.ROOT, "  uptime     %-9s %7.3f %%  downtime %s, incidents %d%n", id,
            s.uptimePercent(), s.downtime(), s.incidents());
      }
      SloStatus slo = uptime.sloStatus(Slo.builder("shop-availability", env.team())
          .addMonitor(SHOP).setObjective(0.999).build());
      out.printf(Locale.ROOT, "  SLO        shop 99.9%% over 30 d (good checks / valid checks):"
              + " budget %.2f checks, %d failed, %.0f %% left; 1 h burn %.0fx (page over"
              + " 14.4x)%n", slo.budgetEvents(), slo.consumedEvents(),
          100 * slo.remainingFraction(), slo.rules().get(0).longBurn());
      env.facts().put(FAILING_KEY_FACT, UptimeModule.dedupKey(SHOP));
      out.println("  facts      " + FAILING_KEY_FACT + " = " + UptimeModule.dedupKey(SHOP));
    } finally {
      transitions.close();
      alerts.close();
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  private static void declare(UptimeModule uptime, DemoEnvironment env, String base, int port) {
    Duration every = Duration.ofSeconds(30);
    uptime.addMonitor(Monitor.builder(API, env.team(), HttpSpec.builder(base + "/api/health")
            .setRequiredKeyword("\"ok\"").build())
        .setName("Demo API").setFrequency(every).setTimeout(Duration.ofSeconds(5))
        .setConfirmationPeriod(Duration.ofSeconds(60)).setRecoveryPeriod(Duration.ofSeconds(60))
        .build());
    uptime.addMonitor(Monitor.builder(SHOP, env.team(), HttpSpec.builder(base + "/shop")
            .setRequiredKeyword("in stock").build())
        .setName("Demo shop").setFrequency(every).setTimeout(Duration.ofSeconds(5))
        .setConfirmationPeriod(Duration.ofSeconds(60)).setRecoveryPeriod(Duration.ofSeconds(60))
        .build());
    uptime.addMonitor(Monitor.builder(PORT, env.team(), new TcpSpec("127.0.0.1", port))
        .setName("Demo port").setFrequency(Duration.ofMinutes(1))
        .setTimeout(Duration.ofSeconds(2)).build());
    uptime.addHeartbeat(Heartbeat.of(MonitorId.of("demo-nightly-job"), env.team(),
        "Nightly job", Duration.ofHours(24), Duration.ofHours(1)));
  }

  private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body)
      throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
