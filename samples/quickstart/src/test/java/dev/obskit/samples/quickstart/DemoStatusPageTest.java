package dev.obskit.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.statuspages.DayBar;
import dev.obskit.statuspages.Resource;
import dev.obskit.statuspages.ResourceId;
import dev.obskit.statuspages.ResourceView;
import dev.obskit.statuspages.Section;
import dev.obskit.statuspages.StatusPage;
import dev.obskit.statuspages.StatusPageId;
import dev.obskit.statuspages.StatusPagesConfig;
import dev.obskit.statuspages.StatusPagesModule;
import dev.obskit.uptime.UptimeConfig;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.TcpSpec;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Status pages over the real obs-uptime: the page's 90-day figure equals obs-uptime's for the same
 * data, and the demo's own page (uptime section, then status page section) renders in Chromium.
 */
class DemoStatusPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final long HOUR = 3_600_000L;

  @TempDir
  Path dir;

  @Test
  void pages90DayFigure_equalsObsUptimes_forTheSameHistory() {
    ManualClock clock = ManualClock.startingAt("2026-06-30T12:00:00Z");
    TeamId team = TeamId.of("acme");
    MonitorId api = MonitorId.of("api");
    try (ObsKit kit = ObsKit.builder().setClock(clock)
        .addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder().setDriverEnabled(false)
            .setJitter(false).addMonitor(Monitor.builder(api, team, new TcpSpec("127.0.0.1", 9))
                .build()).build()))
        .addModule(ctx -> StatusPagesModule.create(ctx, StatusPagesConfig.builder()
            .setDriverEnabled(false).addPage(StatusPage.builder(StatusPageId.of("p"), team, "P",
                Instant.parse("2026-01-01T00:00:00Z")).addSection(Section.of("",
                Resource.monitor(ResourceId.of("api"), "API", api))).build()).build()))
        .build().start()) {
      UptimeModule uptime = kit.module(UptimeModule.class);
      // 2026-04-02 (89 days back) .. 2026-06-30 12:00: up, except 3 h down on 04-20, 2 h
      // maintenance on 05-10, 30 min down on 06-29
      book(uptime, api, "2026-04-02T00:00:00Z", "2026-04-20T09:00:00Z", Booking.UP);
      book(uptime, api, "2026-04-20T09:00:00Z", "2026-04-20T12:00:00Z", Booking.DOWN);
      book(uptime, api, "2026-04-20T12:00:00Z", "2026-05-10T01:00:00Z", Booking.UP);
      book(uptime, api, "2026-05-10T01:00:00Z", "2026-05-10T03:00:00Z", Booking.MAINTENANCE);
      book(uptime, api, "2026-05-10T03:00:00Z", "2026-06-29T08:00:00Z", Booking.UP);
      book(uptime, api, "2026-06-29T08:00:00Z", "2026-06-29T08:30:00Z", Booking.DOWN);
      book(uptime, api, "2026-06-29T08:30:00Z", "2026-06-30T12:00:00Z", Booking.UP);
      ResourceView rv = kit.module(StatusPagesModule.class).pages()
          .snapshot(StatusPageId.of("p")).resources().get(0);
      double reference = uptime.availability().summary(api,
          Instant.parse("2026-04-02T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"))
          .uptimePercent();
      assertThat(rv.uptime().uptimePercent()).isEqualTo(reference);
      // by hand: 89.5 days = 2148 h, minus 2 h maintenance = 2146 h counted, 3.5 h down
      assertThat(rv.uptime().countedMillis()).isEqualTo(2146 * HOUR);
      assertThat(rv.uptime().uptimePercent()).isEqualTo(100.0 * (2146 - 3.5) / 2146);
      List<DayBar> bars = rv.bars();
      assertThat(bars).hasSize(90);
      assertThat(bars.get(18).day()).hasToString("2026-04-20");
      assertThat(bars.get(18).downMinutes()).isEqualTo(180);
      assertThat(bars.get(38).maintenanceMinutes()).isEqualTo(120);
      assertThat(bars.get(38).downMillis()).isZero();
    }
  }

  private static void book(UptimeModule u, MonitorId id, String from, String to, Booking b) {
    u.availability().book(id, new Segment(Instant.parse(from), Instant.parse(to), b));
  }

  @Test
  void demosStatusPage_rendersInChromium() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    assertThat(installed || !"true".equals(System.getenv("CI")))
        .as("CI needs /usr/bin/chromium and /usr/bin/chromedriver").isTrue();
    assumeTrue(installed, "needs the chromium and chromium-driver packages (see .ci/run)");
    // mid-day, so the demo's ten simulated minutes never straddle midnight
    ManualClock clock = ManualClock.startingAt("2026-06-30T12:00:00Z");
    DemoEnvironment env = DemoEnvironment.create(clock, dir);
    ObsKitBuilder builder = ObsKit.builder().setClock(clock);
    List<DemoSection> sections = List.of(new UptimeDemo(), new StatusPagesDemo());
    sections.forEach(s -> s.addModules(builder, env));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (ObsKit kit = builder.build().start()) {
      for (DemoSection s : sections) {
        s.run(kit, env, quiet);
      }
      String url = env.facts().get("statuspages.url").toString();
      ChromeOptions o = new ChromeOptions();
      o.setBinary(CHROMIUM.toFile());
      o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-first-run", "--window-size=1280,1400", "--user-data-dir=" + dir.resolve("profile"));
      ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), o);
      try {
        browser.get(url);
        assertThat(browser.getTitle()).isEqualTo("ObsKit demo status");
        List<WebElement> resources = browser.findElements(By.cssSelector("li.resource"));
        assertThat(resources).extracting(e -> e.findElement(By.cssSelector(".name")).getText())
            .containsExactly("Demo API", "Demo shop", "Demo port", "Nightly job", "CDN");
        WebElement shop = resources.get(1);
        List<WebElement> bars = shop.findElements(By.cssSelector(".bars i"));
        assertThat(bars).hasSize(90);
        assertThat(bars.get(89).getAttribute("class")).isEqualTo("m");
        assertThat(bars.get(88).getAttribute("class")).isEqualTo("n");
        assertThat(browser.findElement(By.cssSelector("#past-reports article h3")).getText())
            .isEqualTo("Demo shop is down");
        assertThat(browser.findElement(By.cssSelector("#maintenance article h3")).getText())
            .isEqualTo("Port maintenance");
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "demo-statuspage.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        browser.quit();
      }
    }
  }
}
