package dev.obskit.uptime.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
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

  /** Records {@code valid} checks, {@code bad} of them failed, in the minute starting at {@code at}. */
  private void checks(SloEvaluator e, Instant at, int valid, int bad) {
    for (int i = 0; i < valid; i++) {
      CheckResult r = i < bad ? CheckResult.down(at, Timings.total(0), "HTTP 500")
          : CheckResult.up(at, Timings.total(1_000_000L));
      e.record(M, r, false);
    }
  }

  /** One check a minute for the 30 days ending now, the last {@code badMinutes} failed. */
  private void oneCheckAMinuteFor30DaysFailingLast(int badMinutes) {
    evaluator.register(slo);
    Instant now = clock.instant();
    for (int i = 30 * 1440 - 1; i >= 0; i--) {
      checks(evaluator, now.minus(Duration.ofMinutes(i)), 1, i < badMinutes ? 1 : 0);
    }
  }

  @Test
  void workbookTable_allFourPairs_14point4_6_3_and1() {
    Duration period = Duration.ofDays(30);
    assertThat(BurnRateRule.SRE_WORKBOOK).extracting(BurnRateRule::longWindow,
        BurnRateRule::shortWindow, BurnRateRule::severity).containsExactly(
        tuple(Duration.ofHours(1), Duration.ofMinutes(5), BurnRateRule.Severity.PAGE),
        tuple(Duration.ofHours(6), Duration.ofMinutes(30), BurnRateRule.Severity.PAGE),
        tuple(Duration.ofDays(1), Duration.ofHours(2), BurnRateRule.Severity.TICKET),
        tuple(Duration.ofDays(3), Duration.ofHours(6), BurnRateRule.Severity.TICKET));
    assertThat(BurnRateRule.SRE_WORKBOOK).extracting(r -> r.burnRate(period))
        .containsExactly(14.4, 6.0, 3.0, 1.0);
  }

  /**
   * Exactly 14.4x over the 1 h window: 7,500 valid checks with 108 bad at 99.9 % (108 / 7,500 =
   * 0.0144 = 14.4 × 0.001) and 75,000 with 108 bad at 99.99 % (0.00144 = 14.4 × 0.0001). The
   * rule is strict ({@code >}), so neither pages; one more bad check pages both. (In doubles,
   * 1 - 0.999 is just above 0.001 and 1 - 0.9999 just below 0.0001, which used to split them.)
   */
  @Test
  void pageRule_exactly14point4x_doesNotFireAt999Nor9999_oneMoreBadCheckFires() {
    assertThat(firstRuleFiring(0.999, 125, 108)).isFalse();
    assertThat(firstRuleFiring(0.9999, 1250, 108)).isFalse();
    assertThat(firstRuleFiring(0.999, 125, 109)).isTrue();
    assertThat(firstRuleFiring(0.9999, 1250, 109)).isTrue();
  }

  /** {@code perMinute} valid checks in each of the last 60 minutes, {@code bad} of them in the current one. */
  private boolean firstRuleFiring(double objective, int perMinute, int bad) {
    Slo s = Slo.builder("edge", TEAM).addMonitor(M).setObjective(objective).build();
    SloEvaluator e = new SloEvaluator(clock, new AvailabilityStore(clock), alerts);
    e.register(s);
    Instant now = clock.instant();
    for (int i = 59; i >= 0; i--) {
      checks(e, now.minus(Duration.ofMinutes(i)), perMinute, i == 0 ? bad : 0);
    }
    SloStatus status = e.status(s);
    assertThat(status.rules().get(0).shortBurn()).isGreaterThan(14.4); // the 5 m window burns
    return status.rules().get(0).firing();
  }

  /**
   * The 1 d / 2 h ticket pair: 100 checks a minute for 3 days, 4 failed every 10 minutes in the
   * last 24 h: 1 d = 576 / 144,000 = 0.004 = 4x and 2 h = 48 / 12,000 = 4x, over 3x: fires; 6 h
   * is 4x (under 6x) and 1 h 4x (under 14.4x): no page; 3 d = 576 / 432,000 = 1.33x, 6 h 4x: the
   * 3 d ticket fires too. With 3 failed every 10 minutes the 1 d pair is exactly at 3x: silent.
   */
  @Test
  void ticketPair_1d2h_firesOver3x_notAtExactly3x() {
    assertThat(dailyTicket(4)).satisfies(st -> {
      SloStatus.RuleStatus day = st.rules().get(2);
      assertThat(day.rule().longWindow()).isEqualTo(Duration.ofDays(1));
      assertThat(day.longBurn()).isCloseTo(4.0, within(1e-9));
      assertThat(day.shortBurn()).isCloseTo(4.0, within(1e-9));
      assertThat(day.firing()).isTrue();
      assertThat(st.rules().get(3).longBurn()).isCloseTo(576.0 / 432_000 / 0.001, within(1e-9));
      assertThat(st.rules().get(3).firing()).isTrue();
      assertThat(st.paging()).isFalse();
      assertThat(st.ticketing()).isTrue();
    });
    assertThat(dailyTicket(3).rules().get(2).firing()).isFalse();
  }

  private SloStatus dailyTicket(int badPerTenMinutes) {
    SloEvaluator e = new SloEvaluator(clock, new AvailabilityStore(clock), alerts);
    e.register(slo);
    Instant now = clock.instant();
    for (int i = 3 * 1440 - 1; i >= 0; i--) {
      checks(e, now.minus(Duration.ofMinutes(i)), 100, i < 1440 && i % 10 == 0
          ? badPerTenMinutes : 0);
    }
    return e.status(slo);
  }

  /**
   * The 3 d window at 00:34 starts with the minute 00:35 three days earlier; a 25-minute burst
   * (00:35-00:59, 10 bad checks a minute) in that partial hour counts in full: 250 / 43,200 valid
   * = 5.787x. The 35 bad minutes just before the window (00:00-00:34) do not count in it, but do
   * in the 30-day budget: 600 bad of 43,550 valid checks, budget 43.55.
   */
  @Test
  void longWindow_burstInThePartialHourAtTheOldEdge_countsToTheMinute() {
    clock.setInstant(Instant.parse("2026-03-31T00:34:00Z"));
    evaluator.register(slo);
    Instant first = Instant.parse("2026-03-28T00:00:00Z");
    for (Instant m = first; !m.isAfter(clock.instant()); m = m.plus(Duration.ofMinutes(1))) {
      boolean bad = m.isBefore(Instant.parse("2026-03-28T01:00:00Z"));
      checks(evaluator, m, 10, bad ? 10 : 0);
    }
    SloStatus s = evaluator.status(slo);
    assertThat(s.rules().get(3).longBurn()).isCloseTo(250.0 / 43_200 / 0.001, within(1e-9));
    assertThat(s.consumedEvents()).isEqualTo(600);
    assertThat(s.budgetEvents()).isCloseTo(43.55, within(1e-9));
  }

  @Test
  void record_unknownAndMaintenanceResults_areNotValidEvents() {
    evaluator.register(slo);
    Instant now = clock.instant();
    evaluator.record(M, CheckResult.unknown(now, dev.obskit.uptime.check.SkipCause
        .PROBE_QUEUE_FULL, ""), false);
    evaluator.record(M, CheckResult.down(now, Timings.total(0), "x"), true);
    evaluator.record(M, CheckResult.up(now, Timings.total(0)), false);
    SloStatus s = evaluator.status(slo);
    assertThat(s.consumedEvents()).isZero();
    assertThat(s.budgetEvents()).isCloseTo(0.001, within(1e-12)); // one valid check
  }

  @Test
  void evaluate_tenFailedMinutesJustNow_pagesAndTickets() {
    oneCheckAMinuteFor30DaysFailingLast(10);
    SloStatus s = evaluator.evaluate(slo);
    // 1 h: 10 of 60 checks bad -> 0.1667 / 0.001 = 166.7x; 5 m: all bad -> 1000x
    assertThat(s.rules().get(0).longBurn()).isCloseTo(1000.0 / 6, within(1e-6));
    assertThat(s.rules().get(0).shortBurn()).isCloseTo(1000.0, within(1e-6));
    // 3 d: 10 of 4320 -> 2.31x
    assertThat(s.rules().get(3).longBurn()).isCloseTo(10_000.0 / 4320, within(1e-6));
    assertThat(s.budgetEvents()).isCloseTo(43.2, within(1e-9)); // 0.1 % of 43,200 checks
    assertThat(s.consumedEvents()).isEqualTo(10);
    assertThat(s.paging()).isTrue();
    assertThat(s.ticketing()).isTrue();
    assertThat(alerts.findOpen(TEAM, "uptime:slo:api-availability:page")).hasValueSatisfying(
        a -> assertThat(a.latest().severity()).isEqualTo(AlertSeverity.CRITICAL));
    assertThat(alerts.findOpen(TEAM, "uptime:slo:api-availability:ticket")).hasValueSatisfying(
        a -> assertThat(a.latest().severity()).isEqualTo(AlertSeverity.WARNING));
  }

  @Test
  void evaluate_twoHoursLater_resolvesPageButKeepsTicket() {
    oneCheckAMinuteFor30DaysFailingLast(10);
    evaluator.evaluate(slo);
    for (int i = 1; i <= 120; i++) {
      checks(evaluator, clock.instant().plus(Duration.ofMinutes(i)), 1, 0);
    }
    clock.advance(Duration.ofHours(2));
    SloStatus s = evaluator.evaluate(slo);
    // 6 h: 10/360 -> 27.8x but 30 m: 0 -> the 6 h page row does not fire
    assertThat(s.rules().get(1).longBurn()).isCloseTo(10_000.0 / 360, within(1e-6));
    assertThat(s.rules().get(1).firing()).isFalse();
    assertThat(s.rules().get(2).firing()).isFalse(); // 2 h: 0
    assertThat(s.paging()).isFalse();
    assertThat(s.ticketing()).isTrue(); // 3 d 2.31x and 6 h 27.8x
    assertThat(alerts.findOpen(TEAM, "uptime:slo:api-availability:page")).isEmpty();
    assertThat(alerts.findOpen(TEAM, "uptime:slo:api-availability:ticket")).isPresent();
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
