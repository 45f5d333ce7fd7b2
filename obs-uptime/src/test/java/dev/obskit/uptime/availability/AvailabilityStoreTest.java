package dev.obskit.uptime.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import dev.obskit.uptime.state.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AvailabilityStoreTest {
  private static final MonitorId M = MonitorId.of("api");
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T12:00:00Z");
  private final AvailabilityStore store = new AvailabilityStore(clock);

  private static Instant t(String hhmm) {
    return Instant.parse("2026-03-01T" + hhmm + ":00Z");
  }

  private void seedTwoHours() {
    // 10:00-11:00 up, 11:00-11:10 down, 11:10-11:40 maintenance, 11:40-12:00 up
    store.apply(M, new Step(List.of(), List.of(new Segment(t("10:00"), t("11:00"), Booking.UP)),
        false, false, Optional.empty(), Optional.empty()));
    store.apply(M, new Step(List.of(), List.of(new Segment(t("11:00"), t("11:10"), Booking.DOWN)),
        true, false, Optional.empty(), Optional.of(t("11:00"))));
    store.apply(M, new Step(List.of(), List.of(), false, true,
        Optional.of(new Step.Outage(t("11:00"), t("11:10"))), Optional.empty()));
    store.book(M, new Segment(t("11:10"), t("11:40"), Booking.MAINTENANCE));
    store.book(M, new Segment(t("11:40"), t("12:00"), Booking.UP));
  }

  @Test
  void summary_separatesDowntimeFromMaintenance() {
    seedTwoHours();
    AvailabilitySummary s = store.summary(M, t("10:00"), t("12:00"));
    assertThat(s.granularity()).isEqualTo(Granularity.MINUTE);
    assertThat(s.upMillis()).isEqualTo(80 * 60_000L);
    assertThat(s.downMillis()).isEqualTo(10 * 60_000L);
    assertThat(s.maintenanceMillis()).isEqualTo(30 * 60_000L);
    assertThat(s.uptimePercent()).isCloseTo(100.0 * 80 / 90, within(1e-9));
    assertThat(s.incidents()).isEqualTo(1);
    assertThat(s.longestOutage()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.averageOutage()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.mtbf()).contains(Duration.ofMinutes(80));
  }

  @Test
  void hourBuckets_equalTheSumOfTheirMinutes() {
    seedTwoHours();
    List<BucketStats> hours = store.buckets(M, Granularity.HOUR, t("10:00"), t("12:00"));
    assertThat(hours).hasSize(2);
    assertThat(hours.get(0).upMillis()).isEqualTo(3_600_000L);
    assertThat(hours.get(1).upMillis()).isEqualTo(20 * 60_000L);
    assertThat(hours.get(1).downMillis()).isEqualTo(10 * 60_000L);
    assertThat(hours.get(1).maintenanceMillis()).isEqualTo(30 * 60_000L);
    assertThat(store.buckets(M, Granularity.MINUTE, t("10:00"), t("12:00"))).hasSize(120);
  }

  @Test
  void summary_ofOlderRange_usesHourBuckets_andOngoingOutageCounts() {
    seedTwoHours();
    store.apply(M, new Step(List.of(), List.of(), true, false, Optional.empty(),
        Optional.of(t("11:50"))));
    clock.advance(Duration.ofDays(2));
    AvailabilitySummary s = store.summary(M, t("10:00"), t("12:00").plus(Duration.ofDays(2)));
    assertThat(s.granularity()).isEqualTo(Granularity.HOUR);
    assertThat(s.downMillis()).isEqualTo(10 * 60_000L);
    assertThat(s.incidents()).isEqualTo(2);
    assertThat(s.longestOutage()).isEqualTo(Duration.ofDays(2).plusMinutes(10));
  }

  @Test
  void minuteBuckets_arePrunedAfter24Hours_hoursKept() {
    seedTwoHours();
    clock.advance(Duration.ofHours(25));
    store.book(M, new Segment(clock.instant(), clock.instant().plusSeconds(60), Booking.UP));
    assertThat(store.buckets(M, Granularity.MINUTE, t("10:00"), t("12:00"))).isEmpty();
    assertThat(store.buckets(M, Granularity.HOUR, t("10:00"), t("12:00"))).hasSize(2);
  }

  @Test
  void latencyPercentiles_perBucket_withinTenPercentAbove() {
    for (int i = 0; i < 98; i++) {
      store.recordCheck(M, CheckResult.up(t("10:00").plusMillis(i), Timings.total(100_000_000L)));
    }
    store.recordCheck(M, CheckResult.up(t("10:00"), Timings.total(1_000_000_000L)));
    store.recordCheck(M, CheckResult.up(t("10:00"), Timings.total(1_000_000_000L)));
    store.recordCheck(M, CheckResult.down(t("10:00"), Timings.total(5_000_000_000L), "x"));
    BucketStats minute = store.buckets(M, Granularity.MINUTE, t("10:00"), t("10:01")).get(0);
    assertThat(minute.checks()).isEqualTo(101);
    assertThat(minute.failedChecks()).isEqualTo(1);
    // nearest rank over the 100 successful samples: p50 and p95 are 100 ms, p99 is 1000 ms
    assertThat(minute.p50Millis()).isBetween(100L, 110L);
    assertThat(minute.p95Millis()).isBetween(100L, 110L);
    assertThat(minute.p99Millis()).isBetween(1000L, 1100L);
    BucketStats day = store.buckets(M, Granularity.DAY, t("00:00"), t("23:59")).get(0);
    assertThat(day.p99Millis()).isEqualTo(minute.p99Millis());
  }

  @Test
  void dailyBars_ninetyDays_classifyEachDay() {
    seedTwoHours();
    List<DailyBar> bars = store.dailyBars(M, 90);
    assertThat(bars).hasSize(90);
    assertThat(bars.get(0).date()).isEqualTo(LocalDate.of(2025, 12, 2));
    assertThat(bars.get(0).status()).isEqualTo(DailyBar.Status.NO_DATA);
    DailyBar today = bars.get(89);
    assertThat(today.date()).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(today.downMillis()).isEqualTo(600_000L);
    assertThat(today.status()).isEqualTo(DailyBar.Status.DOWN); // 88.9 % < 95 %
    assertThatThrownBy(() -> store.dailyBars(M, 0)).hasMessageContaining("got 0");
  }

  @Test
  void latencyDigest_boundsAreWithinTenPercent() {
    for (long v : new long[] {1, 2, 3, 10, 99, 100, 101, 999, 12_345, 59_999}) {
      long reported = LatencyDigest.upperBound(LatencyDigest.index(v));
      assertThat(reported).isGreaterThanOrEqualTo(v).isLessThanOrEqualTo((long) (v * 1.1) + 1);
    }
    assertThat(LatencyDigest.upperBound(LatencyDigest.index(0))).isZero();
  }
}
