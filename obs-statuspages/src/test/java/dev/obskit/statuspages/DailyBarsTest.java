package dev.obskit.statuspages;

import static dev.obskit.statuspages.Fixture.API;
import static dev.obskit.statuspages.Fixture.API_MONITOR;
import static dev.obskit.statuspages.Fixture.CDN;
import static dev.obskit.statuspages.Fixture.PAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bars and uptime figures from day figures written out by hand. */
class DailyBarsTest {
  private static final String NOW = "2026-03-10T12:00:00Z";

  /** 7 days, 03-04..03-10, for the API monitor; a partial outage report on 03-08 10:00-12:00. */
  private static Fixture fixture(double partialWeight) {
    Fixture f = new Fixture("2026-03-08T10:00:00Z", c -> c.setPartialWeight(partialWeight),
        p -> p.setHistoryDays(7));
    f.view.day(API_MONITOR, "2026-03-05", 24, 0, 0);
    f.view.day(API_MONITOR, "2026-03-06", 23, 1, 0);
    f.view.day(API_MONITOR, "2026-03-07", 22, 0, 2);
    f.view.day(API_MONITOR, "2026-03-08", 24, 0, 0);
    f.view.day(API_MONITOR, "2026-03-09", 24, 0, 0);
    f.view.day(API_MONITOR, "2026-03-10", 12, 0, 0);
    StatusReport r = f.pages.openReport(PAGE, "Slow API in EU", ReportStatus.IDENTIFIED,
        "Some requests fail", Map.of(API, ComponentStatus.PARTIAL_OUTAGE), Optional.empty(), true);
    f.clock.advance(Duration.ofHours(2));
    f.pages.postUpdate(r.id(), ReportStatus.RESOLVED, "Fixed", Map.of(API,
        ComponentStatus.OPERATIONAL));
    f.clock.setInstant(Instant.parse(NOW));
    return f;
  }

  private static ResourceView api(PageSnapshot s) {
    return s.resources().stream().filter(r -> r.resource().id().equals(API)).findFirst()
        .orElseThrow();
  }

  @Test
  void bars_keepDowntimeAndMaintenanceApart_colourByWorstStatus_weighPartialOutages() {
    try (Fixture f = fixture(0.3)) {
      List<DayBar> bars = api(f.pages.snapshot(PAGE)).bars();
      assertThat(bars).extracting(DayBar::day).containsExactly(
          LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-05"),
          LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-07"),
          LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-09"),
          LocalDate.parse("2026-03-10"));
      assertThat(bars.get(0).hasData()).isFalse();
      assertThat(bars.get(1).status()).isEqualTo(ComponentStatus.OPERATIONAL);
      // 03-06: 1 h down of 24 h counted = 95.8333 %
      assertThat(bars.get(2).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
      assertThat(bars.get(2).downMinutes()).isEqualTo(60);
      assertThat(bars.get(2).uptimePercent()).isCloseTo(100.0 * 23 / 24, within(1e-9));
      // 03-07: 2 h maintenance, not downtime, excluded from the ratio
      assertThat(bars.get(3).status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
      assertThat(bars.get(3).maintenanceMinutes()).isEqualTo(120);
      assertThat(bars.get(3).downMillis()).isZero();
      assertThat(bars.get(3).uptimePercent()).isEqualTo(100.0);
      // 03-08: 2 h partial outage at weight 0.3 = 0.6 h outage of 24 h = 97.5 %
      assertThat(bars.get(4).status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
      assertThat(bars.get(4).partialMillis()).isEqualTo(Duration.ofHours(2).toMillis());
      assertThat(bars.get(4).uptimePercent()).isCloseTo(97.5, within(1e-9));
      // range: counted 24+24+22+24+24+12 = 130 h, outage 1 + 0.6 = 1.6 h
      UptimeFigure u = api(f.pages.snapshot(PAGE)).uptime();
      assertThat(u.countedMillis()).isEqualTo(Duration.ofHours(130).toMillis());
      assertThat(u.uptimePercent()).isCloseTo(100.0 * (130 - 1.6) / 130, within(1e-9));
    }
  }

  @Test
  void partialWeight_isConfigurable() {
    try (Fixture f = fixture(0.0)) {
      assertThat(api(f.pages.snapshot(PAGE)).uptime().uptimePercent())
          .isCloseTo(100.0 * 129 / 130, within(1e-9));
    }
  }

  @Test
  void withoutReports_rangeFigureEqualsTheViewsUpOverUpPlusDown() {
    try (Fixture f = new Fixture(NOW, c -> c, p -> p.setHistoryDays(7))) {
      f.view.day(API_MONITOR, "2026-03-06", 23, 1, 0);
      f.view.day(API_MONITOR, "2026-03-07", 22, 0, 2);
      f.view.day(API_MONITOR, "2026-03-10", 11.5, 0.5, 0);
      // up 56.5 h, down 1.5 h: the figure obs-uptime computes, up / (up + down)
      assertThat(api(f.pages.snapshot(PAGE)).uptime().uptimePercent())
          .isCloseTo(100.0 * 56.5 / 58, within(1e-9));
    }
  }

  @Test
  void downtimeInsidePageMaintenance_countsAsMaintenance() {
    try (Fixture f = new Fixture("2026-03-09T00:00:00Z", c -> c, p -> p.setHistoryDays(7))) {
      f.pages.scheduleMaintenance(PAGE, "DB upgrade", "", Instant.parse("2026-03-09T02:00:00Z"),
          Instant.parse("2026-03-09T04:00:00Z"), Set.of(API), Duration.ZERO);
      f.clock.setInstant(Instant.parse("2026-03-09T02:00:00Z"));
      f.pages.tick();
      f.clock.setInstant(Instant.parse(NOW));
      f.pages.tick();
      // 03-09: 1 h 30 down, of which 1 h (02:30-03:30) inside the window
      f.view.day(API_MONITOR, "2026-03-09", 22.5, 1.5, 0);
      f.view.downBetween(API_MONITOR, "2026-03-09T02:30:00Z", "2026-03-09T03:30:00Z");
      f.view.downBetween(API_MONITOR, "2026-03-09T10:00:00Z", "2026-03-09T10:30:00Z");
      DayBar d = api(f.pages.snapshot(PAGE)).bars().get(5);
      assertThat(d.day()).isEqualTo(LocalDate.parse("2026-03-09"));
      assertThat(d.downMinutes()).isEqualTo(30);
      assertThat(d.maintenanceMinutes()).isEqualTo(60);
      assertThat(d.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }
  }

  @Test
  void manualComponent_barsFollowItsReports() {
    try (Fixture f = new Fixture("2026-03-09T00:00:00Z", c -> c, p -> p.setHistoryDays(7))) {
      StatusReport r = f.pages.openReport(PAGE, "CDN down", ReportStatus.INVESTIGATING, "",
          Map.of(CDN, ComponentStatus.MAJOR_OUTAGE), Optional.empty(), true);
      f.clock.advance(Duration.ofHours(6));
      f.pages.postUpdate(r.id(), ReportStatus.RESOLVED, "", Map.of());
      f.clock.setInstant(Instant.parse(NOW));
      ResourceView cdn = f.pages.snapshot(PAGE).resources().get(2);
      DayBar d = cdn.bars().get(5);
      assertThat(d.downMinutes()).isEqualTo(360);
      assertThat(d.uptimePercent()).isCloseTo(75.0, within(1e-9));
      assertThat(cdn.status()).isEqualTo(ComponentStatus.OPERATIONAL);
    }
  }

  @Test
  void blipShorterThanMinimumIncidentLength_isNotShownButStillCounted() {
    try (Fixture f = new Fixture(NOW, c -> c, p -> p.setHistoryDays(7)
        .setMinIncidentLength(Duration.ofMinutes(5)))) {
      f.view.day(API_MONITOR, "2026-03-09", 24 - 2.0 / 60, 2.0 / 60, 0);
      DayBar d = api(f.pages.snapshot(PAGE)).bars().get(5);
      assertThat(d.status()).isEqualTo(ComponentStatus.OPERATIONAL);
      assertThat(d.uptimePercent()).isLessThan(100.0);
    }
  }
}
