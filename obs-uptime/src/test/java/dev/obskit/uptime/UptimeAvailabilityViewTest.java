package dev.obskit.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.ObsKit;
import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.core.availability.DayAvailability;
import dev.obskit.core.availability.MonitorStatus;
import dev.obskit.core.availability.RangeAvailability;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.TcpSpec;
import dev.obskit.uptime.heartbeat.Heartbeat;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core availability view obs-uptime registers, over hand-booked history. */
class UptimeAvailabilityViewTest {
  private static final TeamId TEAM = TeamId.of("acme");
  private static final MonitorId API = MonitorId.of("api");
  private static final MonitorId BACKUP = MonitorId.of("backup");
  private static final long HOUR = 3_600_000L;

  private final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-03-10T12:00:00Z"));
  private ObsKit kit;
  private UptimeModule uptime;
  private AvailabilityView view;

  @BeforeEach
  void setUp() {
    kit = ObsKit.builder().setClock(clock)
        .addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder()
            .setDriverEnabled(false).setJitter(false)
            .addMonitor(Monitor.builder(API, TEAM, new TcpSpec("127.0.0.1", 9)).setName("Public API")
                .build())
            .addHeartbeat(Heartbeat.of(BACKUP, TEAM, "Nightly backup", Duration.ofHours(24),
                Duration.ofHours(1)))
            .build()))
        .build().start();
    uptime = kit.module(UptimeModule.class);
    view = kit.context().lookup(AvailabilityView.class).orElseThrow();
    book("2026-03-08T00:00:00Z", "2026-03-08T10:00:00Z", Booking.UP);
    book("2026-03-08T10:00:00Z", "2026-03-08T10:30:00Z", Booking.DOWN);
    book("2026-03-08T10:30:00Z", "2026-03-09T02:00:00Z", Booking.UP);
    book("2026-03-09T02:00:00Z", "2026-03-09T04:00:00Z", Booking.MAINTENANCE);
    book("2026-03-09T04:00:00Z", "2026-03-10T12:00:00Z", Booking.UP);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private void book(String from, String to, Booking b) {
    uptime.availability().book(API, new Segment(Instant.parse(from), Instant.parse(to), b));
  }

  @Test
  void daily_keepsDowntimeAndMaintenanceApart() {
    assertThat(view.daily(API, LocalDate.parse("2026-03-07"), LocalDate.parse("2026-03-10")))
        .containsExactly(
            DayAvailability.empty(LocalDate.parse("2026-03-07")),
            new DayAvailability(LocalDate.parse("2026-03-08"), 23 * HOUR + HOUR / 2, HOUR / 2, 0),
            new DayAvailability(LocalDate.parse("2026-03-09"), 22 * HOUR, 0, 2 * HOUR),
            new DayAvailability(LocalDate.parse("2026-03-10"), 12 * HOUR, 0, 0));
  }

  @Test
  void range_equalsUptimeSummary_andHandComputedFigure() {
    Instant from = Instant.parse("2026-03-08T00:00:00Z");
    Instant to = Instant.parse("2026-03-11T00:00:00Z");
    RangeAvailability r = view.range(API, from, to);
    // up 23.5 h + 22 h + 12 h = 57.5 h, down 0.5 h: 57.5 / 58 = 99.1379...%
    assertThat(r.uptimePercent()).isCloseTo(100.0 * 57.5 / 58.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.maintenanceMillis()).isEqualTo(2 * HOUR);
    assertThat(r.uptimePercent())
        .isEqualTo(uptime.availability().summary(API, from, to).uptimePercent());
  }

  @Test
  void status_andName_coverMonitorsAndHeartbeats() {
    assertThat(view.status(API)).contains(MonitorStatus.PENDING);
    assertThat(view.status(BACKUP)).contains(MonitorStatus.PENDING);
    assertThat(view.name(API)).contains("Public API");
    assertThat(view.name(BACKUP)).contains("Nightly backup");
    uptime.pause(API);
    assertThat(view.status(API)).contains(MonitorStatus.PAUSED);
  }

  @Test
  void unknownId_hasNoStatus_emptyDays_and100Percent_withoutCreatingHistory() {
    MonitorId ghost = MonitorId.of("ghost");
    assertThat(view.status(ghost)).isEmpty();
    assertThat(view.name(ghost)).isEmpty();
    assertThat(view.daily(ghost, LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-10")))
        .allSatisfy(d -> assertThat(d.upMillis() + d.downMillis()).isZero());
    assertThat(view.range(ghost, Instant.parse("2026-03-01T00:00:00Z"), clock.instant())
        .uptimePercent()).isEqualTo(100.0);
    assertThat(uptime.availability().monitorIds()).doesNotContain(ghost);
  }

  @Test
  void daily_rejectsReversedOrOverlongRanges() {
    assertThatThrownBy(() -> view.daily(API, LocalDate.parse("2026-03-10"),
        LocalDate.parse("2026-03-09"))).hasMessageContaining("2026-03-10..2026-03-09");
    assertThatThrownBy(() -> view.daily(API, LocalDate.parse("2025-01-01"),
        LocalDate.parse("2026-03-09"))).hasMessageContaining("1 to 366 days");
  }
}
