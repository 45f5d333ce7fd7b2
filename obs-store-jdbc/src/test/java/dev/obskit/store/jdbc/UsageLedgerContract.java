package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.metering.Aggregation;
import dev.obskit.billing.metering.IngestOutcome;
import dev.obskit.billing.metering.MeterCatalog;
import dev.obskit.billing.metering.MeterDefinition;
import dev.obskit.billing.metering.MeteringService;
import dev.obskit.billing.metering.UsageLedger;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UsageLedger} (idempotent usage ingest), run on memory, H2 and
 * PostgreSQL; the figures are hand computed, and the in-memory ledger must give the same.
 */
abstract class UsageLedgerContract extends ContractBase {
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));
  UsageLedger ledger;
  TeamId team;

  @BeforeEach
  void setUp() {
    ledger = repository(UsageLedger.class, UsageLedger::inMemory);
    team = freshTeam();
  }

  MeteringService service(UsageLedger l) {
    return new MeteringService(l, MeterCatalog.defaults()
        .define(new MeterDefinition("active.users", Aggregation.UNIQUE_COUNT, "user"))
        .define(MeterDefinition.of("queue.depth", Aggregation.LATEST)), ManualClock.startingAt(T0), 10);
  }

  List<UsageEvent> workload(TeamId t) {
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Instant at = T0.plusSeconds(i);
      events.add(UsageEvent.of(t, Meters.LOG_BYTES, 1_000 + i, at, "log-" + i));
      events.add(UsageEvent.of(t, Meters.MONITORS, i % 17, at, "mon-" + i));
      events.add(UsageEvent.of(t, "queue.depth", i % 11, T0.plusSeconds(i % 20), "q-" + i));
      events.add(new UsageEvent(t, "active.users", 1, at, "u-" + i, Map.of("user", "u" + (i % 9))));
    }
    return events;
  }

  @Test
  void sameEventsTwiceAndShuffled_countOnce_andMatchHandFigures() {
    MeteringService metering = service(ledger);
    List<UsageEvent> twice = new ArrayList<>(workload(team));
    twice.addAll(workload(team));
    Collections.shuffle(twice, new Random(3));
    twice.forEach(metering::ingest);

    // 1000..1059 summed = 60 * 1000 + 59 * 60 / 2 = 61,770
    assertThat(ledger.value(team, MARCH, Meters.LOG_BYTES)).isEqualTo(61_770);
    // users u0..u8
    assertThat(ledger.value(team, MARCH, "active.users")).isEqualTo(9);
    // peak of i % 17 over 0..59 is 16
    assertThat(ledger.value(team, MARCH, Meters.MONITORS)).isEqualTo(16);
    // latest by timestamp: the largest i % 20 is 19 (i = 19, 39, 59), ties broken by the larger
    // key "q-59" over "q-39", "q-19": 59 % 11 = 4
    assertThat(ledger.value(team, MARCH, "queue.depth")).isEqualTo(4);
    assertThat(ledger.usage(team, MARCH).eventCounts()).containsEntry(Meters.LOG_BYTES, 60L);
    MeteringService memory = service(UsageLedger.inMemory());
    workload(team).forEach(memory::ingest);
    assertThat(metering.usage(team, MARCH)).isEqualTo(memory.usage(team, MARCH));
  }

  @Test
  void duplicateKey_isReportedAndKeysAreScopedByTeam() {
    MeteringService metering = service(ledger);
    TeamId other = freshTeam();

    assertThat(metering.ingest(UsageEvent.of(team, Meters.ERROR_EVENTS, 4, T0, "k"))).isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(metering.ingest(UsageEvent.of(team, Meters.ERROR_EVENTS, 4, T0, "k"))).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(metering.ingest(UsageEvent.of(other, Meters.ERROR_EVENTS, 5, T0, "k"))).isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(ledger.value(team, MARCH, Meters.ERROR_EVENTS)).isEqualTo(4);
    assertThat(ledger.value(other, MARCH, Meters.ERROR_EVENTS)).isEqualTo(5);
    assertThat(ledger.hasSeen(other, MARCH, "k")).isTrue();
    assertThat(ledger.hasSeen(freshTeam(), MARCH, "k")).isFalse();
  }

  @Test
  void keyReplayedWithAnotherQuantity_isAConflict_andKeysAreScopedByMeter() {
    MeteringService metering = service(ledger);
    metering.ingest(UsageEvent.of(team, Meters.ERROR_EVENTS, 4, T0, "k"));

    assertThat(ledger.record(MARCH, MeterDefinition.of(Meters.ERROR_EVENTS, Aggregation.SUM),
        UsageEvent.of(team, Meters.ERROR_EVENTS, 5, T0, "k"))).isEqualTo(IngestOutcome.CONFLICT);
    assertThat(metering.ingest(UsageEvent.of(team, Meters.LOG_BYTES, 7, T0, "k")))
        .isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(ledger.value(team, MARCH, Meters.ERROR_EVENTS)).isEqualTo(4);
    assertThat(ledger.hasSeen(team, MARCH, Meters.LOG_BYTES, "k")).isTrue();
    assertThat(ledger.hasSeen(team, MARCH, Meters.MONITORS, "k")).isFalse();
  }

  @Test
  void overflowingWrite_failsAndRollsBackItsKeyToo() {
    MeterDefinition sum = MeterDefinition.of(Meters.LOG_BYTES, Aggregation.SUM);
    ledger.record(MARCH, sum, UsageEvent.of(team, Meters.LOG_BYTES, Long.MAX_VALUE, T0, "big-1"));

    assertThat(ledger.record(MARCH, sum, UsageEvent.of(team, Meters.LOG_BYTES, 1, T0, "big-2")))
        .isEqualTo(IngestOutcome.FAILED);
    assertThat(ledger.hasSeen(team, MARCH, "big-2")).isFalse();
    assertThat(ledger.value(team, MARCH, Meters.LOG_BYTES)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void threeThreadsReplaying_countEachEventOnce() throws Exception {
    MeteringService metering = service(ledger);
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      events.add(UsageEvent.of(team, Meters.ERROR_EVENTS, 2, T0, "c-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        List<UsageEvent> mine = new ArrayList<>(events);
        Collections.shuffle(mine, new Random(t));
        done.add(pool.submit(() -> mine.forEach(metering::ingest)));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ledger.value(team, MARCH, Meters.ERROR_EVENTS)).isEqualTo(300);
    assertThat(ledger.usage(team, MARCH).eventCounts()).containsEntry(Meters.ERROR_EVENTS, 150L);
  }

  @Test
  void forgetKeysBefore_dropsOnlyOlderMonths() {
    MeteringService metering = service(ledger);
    metering.ingest(UsageEvent.of(team, Meters.ERROR_EVENTS, 1, Instant.parse("2026-02-10T00:00:00Z"), "feb"));
    metering.ingest(UsageEvent.of(team, Meters.ERROR_EVENTS, 1, T0, "mar"));
    ledger.forgetKeysBefore(YearMonth.of(2026, 3));

    assertThat(ledger.hasSeen(team, BillingPeriod.utc(YearMonth.of(2026, 2)), "feb")).isFalse();
    assertThat(ledger.hasSeen(team, MARCH, "mar")).isTrue();
  }
}
