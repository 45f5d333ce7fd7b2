package dev.obskit.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defects found by probing metering's public API (issue 18, defects 4 to 7, 10 and 11). */
class MeteringDefectsTest {
  static final TeamId TEAM = TeamId.of("team-a");
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  static final BillingPeriod FEB = BillingPeriod.utc(YearMonth.of(2026, 2));
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));

  final ManualClock clock = ManualClock.startingAt(T0);
  final MeteringService service =
      new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(), clock, 100);

  static UsageEvent event(String meter, long quantity, String key) {
    return UsageEvent.of(TEAM, meter, quantity, T0, key);
  }

  // defect 4
  @Test
  void inventedMeterNames_areRejected_andNeverTakeARealMetersPlace() {
    for (int i = 0; i < 1_500; i++) {
      assertThat(service.ingest(event("junk." + i, 1, "j" + i))).isEqualTo(IngestOutcome.REJECTED);
    }

    assertThat(service.ingest(event(Meters.ERROR_EVENTS, 1_000_000, "real")))
        .isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(service.usage(TEAM, MARCH).value(Meters.ERROR_EVENTS)).isEqualTo(1_000_000);
    assertThat(service.usage(TEAM, MARCH).values()).containsOnlyKeys(Meters.ERROR_EVENTS);
  }

  // defect 5
  @Test
  void sameKey_onTwoMeters_countsForEach() {
    assertThat(service.ingest(event(Meters.ERROR_EVENTS, 1, "k"))).isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(service.ingest(event(Meters.LOG_BYTES, 500, "k"))).isEqualTo(IngestOutcome.ACCEPTED);

    assertThat(service.usage(TEAM, MARCH).value(Meters.LOG_BYTES)).isEqualTo(500);
  }

  // defect 5
  @Test
  void sameKey_withADifferentValue_isAConflict_countedAndNotApplied() {
    service.ingest(event(Meters.LOG_BYTES, 500, "k"));

    assertThat(service.ingest(event(Meters.LOG_BYTES, 500, "k"))).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(service.ingest(event(Meters.LOG_BYTES, 900, "k"))).isEqualTo(IngestOutcome.CONFLICT);
    assertThat(service.conflictCount()).isEqualTo(1);
    assertThat(service.usage(TEAM, MARCH).value(Meters.LOG_BYTES)).isEqualTo(500);
  }

  // defect 6
  @Test
  void overflowingSum_isDeadLetteredWithItsReason_neverRetried() {
    MeteringService tight = new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(),
        clock, 100, MeteringPolicy.builder().setMaxQuantity(Meters.LOG_BYTES, Long.MAX_VALUE).build());
    tight.ingestOrQueue(event(Meters.LOG_BYTES, Long.MAX_VALUE, "a"));

    IngestOutcome outcome = tight.ingestOrQueue(event(Meters.LOG_BYTES, 1, "b"));

    assertThat(outcome).isEqualTo(IngestOutcome.REJECTED);
    assertThat(tight.pendingCount()).isZero();
    assertThat(tight.retryPending()).isZero();
    assertThat(tight.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.event().idempotencyKey()).isEqualTo("b");
      assertThat(d.reason()).isEqualTo(RejectReason.OVERFLOW);
      assertThat(d.detail()).contains("overflow");
    });
    assertThat(tight.usage(TEAM, MARCH).value(Meters.LOG_BYTES)).isEqualTo(Long.MAX_VALUE);
  }

  // defect 7
  @Test
  void instantMin_andMax_areRejected_neverThrown() {
    assertThatCode(() -> {
      assertThat(service.ingestOrQueue(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, Instant.MIN, "min")))
          .isEqualTo(IngestOutcome.REJECTED);
      assertThat(service.ingestOrQueue(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, Instant.MAX, "max")))
          .isEqualTo(IngestOutcome.REJECTED);
    }).doesNotThrowAnyException();
    assertThat(service.pendingCount()).isZero();
    assertThat(service.deadLetters()).extracting(DeadLetter::reason)
        .containsOnly(RejectReason.TIMESTAMP_OUT_OF_WINDOW);
  }

  // defect 7
  @Test
  void timestamps_areAcceptedOnlyInTheOpenPeriod_andThePreviousWhileItTakesLateData() {
    ManualClock early = ManualClock.startingAt(Instant.parse("2026-03-02T12:00:00Z"));
    MeteringService s = new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(), early, 10);

    assertThat(s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1,
        Instant.parse("2026-02-27T00:00:00Z"), "late-feb"))).isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1,
        Instant.parse("2026-01-31T23:00:00Z"), "january"))).isEqualTo(IngestOutcome.REJECTED);
    early.advance(Duration.ofDays(3)); // 5 March 12:00: February's 3-day late-data window closed
    assertThat(s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1,
        Instant.parse("2026-02-27T00:00:00Z"), "later-feb"))).isEqualTo(IngestOutcome.REJECTED);
    assertThat(s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1,
        Instant.parse("2026-03-06T12:00:01Z"), "a-day-ahead"))).isEqualTo(IngestOutcome.REJECTED);
    assertThat(s.deadLetters()).extracting(d -> d.event().idempotencyKey())
        .containsExactly("january", "later-feb", "a-day-ahead");
  }

  @Test
  void eventSlightlyAhead_inTheNextPeriod_isMeteredInThatPeriod() {
    ManualClock late = ManualClock.startingAt(Instant.parse("2026-03-31T23:00:00Z"));
    MeteringService s = new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(), late, 10);
    s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, late.instant(), "march"));
    s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 2, Instant.parse("2026-04-01T10:00:00Z"), "april"));

    assertThat(s.usage(TEAM, MARCH).value(Meters.ERROR_EVENTS)).isEqualTo(1);
    assertThat(s.usage(TEAM, BillingPeriod.utc(YearMonth.of(2026, 4))).value(Meters.ERROR_EVENTS))
        .isEqualTo(2);
  }

  // defect 8
  @Test
  void absurdQuantity_isRefused_withAClearReason() {
    assertThat(service.ingest(event(Meters.ERROR_EVENTS, Long.MAX_VALUE, "absurd")))
        .isEqualTo(IngestOutcome.REJECTED);
    assertThat(service.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo(RejectReason.QUANTITY_ABOVE_LIMIT);
      assertThat(d.detail()).contains(Meters.ERROR_EVENTS).contains("9223372036854775807");
    });
    assertThat(service.usage(TEAM, MARCH).value(Meters.ERROR_EVENTS)).isZero();
  }

  // defect 10
  @Test
  void usageRecord_refusesNegativeQuantities() {
    assertThatThrownBy(() -> new UsageRecord(TEAM, MARCH, Map.of(Meters.LOG_BYTES, -5L), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Meters.LOG_BYTES);
    assertThatThrownBy(() -> new UsageRecord(TEAM, MARCH, Map.of(), Map.of(Meters.LOG_BYTES, -1L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UsageRecord.empty(TEAM, MARCH).with(Meters.ERROR_EVENTS, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  // defect 11
  @Test
  void keys_areForgottenOnceThePeriodsLateDataWindowCloses() {
    ManualClock early = ManualClock.startingAt(Instant.parse("2026-02-20T00:00:00Z"));
    MeteringService s = new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(), early, 10);
    s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, early.instant(), "feb-1"));
    early.setInstant(Instant.parse("2026-03-02T00:00:00Z"));
    s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, early.instant(), "mar-1"));
    assertThat(s.ledger().hasSeen(TEAM, FEB, "feb-1")).isTrue();

    early.setInstant(Instant.parse("2026-03-05T00:00:00Z"));
    s.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, early.instant(), "mar-2"));

    assertThat(s.ledger().hasSeen(TEAM, FEB, "feb-1")).isFalse();
    assertThat(s.ledger().hasSeen(TEAM, MARCH, "mar-1")).isTrue();
    assertThat(s.usage(TEAM, FEB).value(Meters.ERROR_EVENTS)).isEqualTo(1);
  }
}
