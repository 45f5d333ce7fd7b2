package dev.obskit.uptime.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.CheckStatus;
import dev.obskit.uptime.check.JourneySpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.SkipCause;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser journeys through the distribution's Chromium against a small shop served by a local
 * HTTP server: a passing journey, a failing step with its screenshot, a hung page killed at the
 * hard timeout, and the browser pool bound.
 */
class TransactionCheckerTest {
  static final String SHOP = "<!doctype html><html><body><h1>Demo shop</h1>"
      + "<input id='name'><button id='buy' onclick=\"document.getElementById('out').textContent"
      + " = 'Thanks, ' + document.getElementById('name').value\">Buy</button>"
      + "<div id='out'></div></body></html>";

  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private final CountDownLatch unhang = new CountDownLatch(1);
  private final List<SeleniumSession> sessions = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private HttpServer server;
  private String base;
  private TransactionChecker checker;
  @TempDir
  Path dir;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      int status = path.equals("/") || path.equals("/slow") ? 200 : 404;
      if (path.equals("/hang")) {
        try {
          unhang.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (path.equals("/slow")) {
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = (status == 200 ? SHOP : "<html><body>Not here</body></html>")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    unhang.countDown();
    if (checker != null) {
      checker.close();
    }
    server.stop(0);
  }

  /** The distribution's Chromium, counting sessions open at once. */
  private TransactionChecker checker(int pool, int queue) {
    BrowserLauncher real = SeleniumBrowserLauncher.distribution().orElseThrow(() ->
        new AssertionError("/usr/bin/chromium and /usr/bin/chromedriver are required"));
    BrowserLauncher counting = () -> {
      BrowserSession s = real.launch();
      sessions.add((SeleniumSession) s);
      maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      return new Counted(s);
    };
    checker = TransactionChecker.create(clock, Optional.of(counting), pool, queue,
        dir.resolve("shots"));
    return checker;
  }

  private final class Counted implements BrowserSession {
    private final BrowserSession s;
    private boolean closed;

    Counted(BrowserSession s) {
      this.s = s;
    }

    @Override public void open(String url, Duration t) throws Exception { s.open(url, t); }
    @Override public void click(String sel, Duration t) throws Exception { s.click(sel, t); }
    @Override public void fill(String sel, String x, Duration t) throws Exception {
      s.fill(sel, x, t);
    }
    @Override public void waitForText(String x, Duration t) throws Exception {
      s.waitForText(x, t);
    }
    @Override public void waitForSelector(String sel, Duration t) throws Exception {
      s.waitForSelector(sel, t);
    }
    @Override public int lastStatus() throws Exception { return s.lastStatus(); }
    @Override public byte[] screenshotPng() throws Exception { return s.screenshotPng(); }
    @Override public void kill() { s.kill(); }

    @Override
    public synchronized void close() {
      s.close();
      if (!closed) {
        closed = true;
        open.decrementAndGet();
      }
    }
  }

  private static Monitor monitor(String id, JourneySpec spec, int timeoutSeconds) {
    return Monitor.builder(MonitorId.of(id), TeamId.of("t"), spec)
        .setFrequency(Duration.ofSeconds(60)).setTimeout(Duration.ofSeconds(timeoutSeconds))
        .build();
  }

  private CheckResult run(TransactionChecker c, Monitor m) throws Exception {
    return c.check(m).get(90, TimeUnit.SECONDS);
  }

  @Test
  void journey_allStepsPass_isUpWithPerStepTimings() throws Exception {
    JourneySpec journey = Journeys.parse("""
        name: buy
        steps:
          - open: %s/
          - expectStatus: 200
          - waitForSelector: "#buy"
          - fill: {selector: "#name", text: Ada}
          - click: "#buy"
          - waitForText: Thanks, Ada
        """.formatted(base));
    CheckResult r = run(checker(1, 1), monitor("shop", journey, 40));
    assertThat(r.isUp()).as(r.failureCause()).isTrue();
    assertThat(r.details()).containsOnlyKeys("step.1", "step.2", "step.3", "step.4", "step.5",
        "step.6");
    assertThat(r.details().get("step.5")).matches("click #buy: \\d+ ms");
    assertThat(open.get()).isZero();
  }

  @Test
  void journey_failingStep_isDownNamingTheStep_withAScreenshot() throws Exception {
    JourneySpec journey = Journeys.parse("""
        {"name": "missing", "steps": [{"open": "%s/gone"}, {"expectStatus": 200}]}
        """.formatted(base));
    CheckResult r = run(checker(1, 1), monitor("gone", journey, 40));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).isEqualTo(
        "journey missing step 2 (expect status 200) failed: HTTP status 404, expected 200");
    assertThat(r.details()).containsEntry("failedStep", "step 2 (expect status 200)")
        .containsKey("step.1");
    Path shot = Path.of(r.details().get("screenshot"));
    byte[] png = Files.readAllBytes(shot);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(png.length).isGreaterThan(1000);
  }

  @Test
  void journey_hungPage_isKilledAtTheHardTimeout() throws Exception {
    JourneySpec journey = Journeys.parse("""
        {"name": "hang", "steps": [{"open": "%s/hang"}, {"waitForText": "never"}]}
        """.formatted(base));
    long start = System.nanoTime();
    CheckResult r = run(checker(1, 1), monitor("hang", journey, 8));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).startsWith("journey hang ")
        .contains(" after 8000 ms in step 1 (open " + base + "/hang)").endsWith("browser killed");
    assertThat(took).isLessThan(Duration.ofSeconds(8).plus(TransactionChecker.RESERVE)
        .plusSeconds(2));
    assertThat(sessions).singleElement().satisfies(s ->
        assertThat(SeleniumSession.processesOf(s.profile())).isZero());
  }

  @Test
  void pool_ofOneBrowser_neverRunsTwo_andRefusesBeyondItsQueue() throws Exception {
    JourneySpec journey = Journeys.parse("""
        {"name": "slow", "steps": [{"open": "%s/slow"}, {"waitForText": "Demo shop"}]}
        """.formatted(base));
    TransactionChecker c = checker(1, 1);
    CompletableFuture<CheckResult> a = c.check(monitor("a", journey, 40));
    CompletableFuture<CheckResult> b = c.check(monitor("b", journey, 40));
    CheckResult refused = c.check(monitor("c", journey, 40)).get(5, TimeUnit.SECONDS);
    assertThat(refused.status()).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(refused.skipCause()).contains(SkipCause.PROBE_QUEUE_FULL);
    assertThat(a.get(90, TimeUnit.SECONDS).isUp()).isTrue();
    assertThat(b.get(90, TimeUnit.SECONDS).isUp()).isTrue();
    assertThat(maxOpen.get()).isEqualTo(1);
    assertThat(sessions).hasSize(2);
  }

  @Test
  void module_failingJourney_alertCarriesTheScreenshot() throws Exception {
    JourneySpec journey = Journeys.parse("""
        {"name": "checkout", "steps": [{"open": "%s/"}, {"click": "#buy"},
          {"waitForText": "Thanks, Bob"}]}
        """.formatted(base));
    try (dev.obskit.core.ObsKit kit = dev.obskit.core.ObsKit.builder().setClock(clock)
        .addModule(ctx -> dev.obskit.uptime.UptimeModule.create(ctx,
            dev.obskit.uptime.UptimeConfig.builder().setDriverEnabled(false).setJitter(false)
                .setBrowserLauncher(SeleniumBrowserLauncher.distribution().orElseThrow())
                .setScreenshotDirectory(dir.resolve("alerts"))
                .addMonitor(Monitor.builder(MonitorId.of("checkout"), TeamId.of("t"), journey)
                    .setFrequency(Duration.ofSeconds(60)).setTimeout(Duration.ofSeconds(15))
                    .setConfirmationPeriod(Duration.ZERO).build())
                .build()))
        .build().start()) {
      kit.module(dev.obskit.uptime.UptimeModule.class).runDue().get(90, TimeUnit.SECONDS);
      var alert = kit.context().alerts().findOpen(TeamId.of("t"), "uptime:monitor:checkout")
          .orElseThrow();
      assertThat(alert.latest().summary()).startsWith(
          "checkout is down: journey checkout step 3 (wait for text Thanks, Bob) failed:");
      assertThat(Path.of(alert.latest().details().get("screenshot"))).exists()
          .hasParent(dir.resolve("alerts"));
    }
  }

  @Test
  void noBrowserEngine_isUnknown() throws Exception {
    checker = TransactionChecker.create(clock, Optional.empty(), 1, 1, dir);
    CheckResult r = run(checker, monitor("x", Journeys.parse(
        "{name: x, steps: [{open: 'http://127.0.0.1:9/'}]}"), 5));
    assertThat(r.skipCause()).contains(SkipCause.CHECKER_FAILED);
  }

  @Test
  void parse_hostileInput_isRefusedNamingTheProblem() {
    assertThatThrownBy(() -> Journeys.parse("steps: [{open: 'file:///etc/passwd'}]"))
        .hasMessageContaining("open needs an http(s) URL");
    assertThatThrownBy(() -> Journeys.parse("steps: [{click: '#a'}]"))
        .hasMessageContaining("must start with open");
    assertThatThrownBy(() -> Journeys.parse("steps: [{open: 'http://a/'}, {hover: x}]"))
        .hasMessageContaining("steps[1]: unknown step 'hover'");
    assertThatThrownBy(() -> Journeys.parse("steps: [{open: 'http://a/'}, {expectStatus: 999}]"))
        .hasMessageContaining("status code 100 to 599");
    assertThatThrownBy(() -> Journeys.parse("x".repeat(70_000)))
        .hasMessageContaining("1 to 65536 characters");
    assertThatThrownBy(() -> Journeys.parse("steps: [unclosed"))
        .hasMessageStartingWith("journey is not valid YAML/JSON");
    assertThatThrownBy(() -> Journeys.parse("name: a\nextra: 1\nsteps: []"))
        .hasMessageContaining("unknown field 'extra'");
  }
}
