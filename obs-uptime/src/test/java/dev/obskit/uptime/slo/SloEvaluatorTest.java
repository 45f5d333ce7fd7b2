package dev.obskit.uptime.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SloEvaluatorTest {
  private static final TeamId TEAM = TeamId.of("t");
  private static final MonitorId M = MonitorId.of("api");
  private final ManualClock clock = ManualClock.startingAt("2026-03-31T00:00:00Z");
  private final AvailabilityStore store = new AvailabilityStore(clock);
  private final AlertManager alerts = AlertManager.inMemory(clock, EventBus.synchronous(),
      IdGenerator.sequential("a"));
  private final SloEvaluator evaluator = new SloEvaluator(clock, store, alerts);
  private final Slo slo = Slo.builder("api-availability", TEAM).addMonitor(M)
      .setObjective(0.999).build();

  private void upFor30DaysExceptLast(Duration down) {
    Instant now = clock.instant();
    store.book(M, new Segment(now.minus(Duration.ofDays(30)), now.minus(down), Booking.UP));
    store.book(M, new Segment(now.minus(down), now, Booking.DOWN));
  }

  @Test
  void workbookTable_burnRatesAre14point4_6_and1() {
    Duration period = Duration.ofDays(30);
    assertThat(BurnRateRule.SRE_WORKBOOK.get(0).burnRate(period)).isCloseTo(14.4, within(1e-9));
    assertThat(BurnRateRule.SRE_WORKBOOK.get(1).burnRate(period)).isCloseTo(6.0, within(1e-9));
    assertThat(BurnRateRule.SRE_WORKBOOK.get(2).burnRate(period)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void status_budgetOf999Over30Days_is43point2Minutes() {
    upFor30DaysExceptLast(Duration.ofMinutes(10));
    SloStatus s = evaluator.status(slo);
    assertThat(s.budgetEvents()).isCloseTo(Duration.ofSeconds(2592).toMillis(), within(1e-3));
    assertThat(s.consumedEvents()).isEqualTo(600_000L);
    assertThat(s.remainingEvents()).isCloseTo(1_992_000.0, within(1e-3));
    assertThat(s.remainingFraction()).isCloseTo(1_992_000.0 / 2_592_000.0, within(1e-9));
  }

  @Test
  void evaluate_tenMinutesDownJustNow_pagesAndTickets() {
    upFor30DaysExceptLast(Duration.ofMinutes(10));
    SloStatus s = evaluator.evaluate(slo);
    // 1 h: 10/60 of the time bad -> 0.1667 / 0.001 = 166.7x; 5 m: all bad -> 1000x
    assertThat(s.rules().get(0).longBurn()).isCloseTo(1000.0 / 6, within(1e-6));
    assertThat(s.rules().get(0).shortBurn()).isCloseTo(1000.0, within(1e-6));
    // 3 d: 10 / 4320 min -> 2.31x
    assertThat(s.rules().get(2).longBurn()).isCloseTo(10_000.0 / 4320, within(1e-6));
    assertThat(s.paging()).isTrue();
    assertThat(s.ticketing()).isTrue();
    assertThat(alerts.findOpen(TEAM, "uptime:slo:api-availability:page")).hasValueSatisfying(
        a -> assertThat(a.latest().severity()).isEqualTo(AlertSeverity.CRITICAL));
    assertThat(alerts.findOpen(TEAM, "uptime:slo:api-availability:ticket")).hasValueSatisfying(
        a -> assertThat(a.latest().severity()).isEqualTo(AlertSeverity.WARNING));
  }

  @Test
  void evaluate_twoHoursLater_resolvesPageButKeepsTicket() {
    upFor30DaysExceptLast(Duration.ofMinutes(10));
    evaluator.evaluate(slo);
    Instant downEnd = clock.instant();
    clock.advance(Duration.ofHours(2));
    store.book(M, new Segment(downEnd, clock.instant(), Booking.UP));
    SloStatus s = evaluator.evaluate(slo);
    // 6 h: 10/360 -> 27.8x but 30 m: 0 -> the 6 h page row does not fire
    assertThat(s.rules().get(1).longBurn()).isCloseTo(10_000.0 / 360, within(1e-6));
    assertThat(s.rules().get(1).firing()).isFalse();
    assertThat(s.paging()).isFalse();
    assertThat(s.ticketing()).isTrue(); // 3 d 2.31x and 6 h 27.8x
    assertThat(alerts.findOpen(TEAM, "uptime:slo:api-availability:page")).isEmpty();
    assertThat(alerts.findOpen(TEAM, "uptime:slo:api-availability:ticket")).isPresent();
  }

  @Test
  void evaluate_smallOldBlip_firesNothing() {
    Instant now = clock.instant();
    store.book(M, new Segment(now.minus(Duration.ofDays(30)), now.minus(Duration.ofHours(2)),
        Booking.UP));
    store.book(M, new Segment(now.minus(Duration.ofHours(2)),
        now.minus(Duration.ofMinutes(118)), Booking.DOWN));
    store.book(M, new Segment(now.minus(Duration.ofMinutes(118)), now, Booking.UP));
    SloStatus s = evaluator.evaluate(slo);
    // 6 h: 2/360 -> 5.56x < 6x
    assertThat(s.rules().get(1).longBurn()).isCloseTo(2000.0 / 360, within(1e-6));
    assertThat(s.paging()).isFalse();
    assertThat(s.ticketing()).isFalse();
    assertThat(alerts.listOpen(TEAM)).isEmpty();
  }

  @Test
  void latencySlo_countsSlowChecksAsBad() {
    Slo latency = Slo.builder("api-latency", TEAM).addMonitor(M).setObjective(0.99)
        .latency(Duration.ofMillis(500)).build();
    Instant now = clock.instant();
    for (int i = 0; i < 90; i++) {
      store.recordCheck(M, CheckResult.up(now.minusSeconds(3000 - i), Timings.total(200_000_000L)));
    }
    for (int i = 0; i < 10; i++) {
      store.recordCheck(M, CheckResult.up(now.minusSeconds(600 + i), Timings.total(900_000_000L)));
    }
    SloStatus s = evaluator.status(latency);
    assertThat(s.consumedEvents()).isEqualTo(10);
    assertThat(s.budgetEvents()).isCloseTo(1.0, within(1e-9)); // 1 % of 100 checks
    assertThat(s.rules().get(0).longBurn()).isCloseTo(0.1 / 0.01, within(1e-6));
  }

  @Test
  void builder_rejectsBadObjectiveAndEmptyMonitors() {
    assertThatThrownBy(() -> Slo.builder("x", TEAM).setObjective(1.0))
        .hasMessageContaining("got 1.0");
    assertThatThrownBy(() -> Slo.builder("x", TEAM).build())
        .hasMessageContaining("needs at least one monitor");
    assertThatThrownBy(() -> Slo.builder("bad id!", TEAM))
        .hasMessageContaining("bad id!");
  }
}
