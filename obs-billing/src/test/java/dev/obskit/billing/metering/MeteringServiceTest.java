package dev.obskit.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeteringServiceTest {
  static final TeamId TEAM = TeamId.of("team-a");
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));

  final ManualClock clock = ManualClock.startingAt(T0);

  MeteringService service(UsageLedger ledger) {
    return service(ledger, clock);
  }

  static MeteringService service(UsageLedger ledger, ManualClock clock) {
    return new MeteringService(ledger, MeterCatalog.defaults()
        .define(new MeterDefinition("active.users", Aggregation.UNIQUE_COUNT, "user"))
        .define(MeterDefinition.of("api.calls", Aggregation.COUNT))
        .define(MeterDefinition.of("queue.depth", Aggregation.LATEST)), clock, 100);
  }

  static UsageEvent event(String meter, long quantity, String key) {
    return UsageEvent.of(TEAM, meter, quantity, T0, key);
  }

  static List<UsageEvent> workload() {
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Instant at = T0.plusSeconds(i);
      events.add(UsageEvent.of(TEAM, Meters.LOG_BYTES, 1_000 + i, at, "log-" + i));
      events.add(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, at, "err-" + i));
      events.add(UsageEvent.of(TEAM, Meters.MONITORS, i % 37, at, "mon-" + i));
      events.add(UsageEvent.of(TEAM, "queue.depth", i % 11, T0.plusSeconds(i % 50), "q-" + i));
      events.add(new UsageEvent(TEAM, "active.users", 1, at, "u-" + i, Map.of("user", "user-" + (i % 13))));
      events.add(UsageEvent.of(TEAM, "api.calls", 7, at, "call-" + i));
    }
    return events;
  }

  @Test
  void ingest_sameEventsTwiceAndShuffled_giveIdenticalUsage() {
    MeteringService once = service(UsageLedger.inMemory());
    workload().forEach(once::ingest);

    MeteringService replayed = service(UsageLedger.inMemory());
    List<UsageEvent> twice = new ArrayList<>(workload());
    twice.addAll(workload());
    Collections.shuffle(twice, new Random(42));
    long duplicates = twice.stream().map(replayed::ingest)
        .filter(o -> o == IngestOutcome.DUPLICATE).count();

    assertThat(duplicates).isEqualTo(workload().size());
    assertThat(replayed.usage(TEAM, MARCH)).isEqualTo(once.usage(TEAM, MARCH));
    UsageRecord usage = once.usage(TEAM, MARCH);
    // sum of 1000..1499 = 500 * 1000 + (0 + 499) * 500 / 2 = 624,750
    assertThat(usage.value(Meters.LOG_BYTES)).isEqualTo(624_750);
    assertThat(usage.value(Meters.ERROR_EVENTS)).isEqualTo(500);
    assertThat(usage.value(Meters.MONITORS)).isEqualTo(36);
    assertThat(usage.value("active.users")).isEqualTo(13);
    assertThat(usage.value("api.calls")).isEqualTo(500);
    assertThat(usage.eventCounts()).containsEntry("api.calls", 500L);
  }

  @Test
  void aggregations_ofTwoEventsTenAndTwenty_matchLagoExample() {
    MeteringService service = service(UsageLedger.inMemory());
    for (String meter : List.of("api.calls", Meters.LOG_BYTES, Meters.MONITORS)) {
      service.ingest(event(meter, 10, meter + "-1"));
      service.ingest(event(meter, 20, meter + "-2"));
    }
    service.ingest(new UsageEvent(TEAM, "active.users", 10, T0, "u1", Map.of("user", "same")));
    service.ingest(new UsageEvent(TEAM, "active.users", 20, T0, "u2", Map.of("user", "same")));

    UsageRecord usage = service.usage(TEAM, MARCH);
    assertThat(usage.value("api.calls")).isEqualTo(2);
    assertThat(usage.value(Meters.LOG_BYTES)).isEqualTo(30);
    assertThat(usage.value(Meters.MONITORS)).isEqualTo(20);
    assertThat(usage.value("active.users")).isEqualTo(1);
  }

  @Test
  void latest_takesTheLatestTimestamp_notTheLastArrival() {
    MeteringService service = service(UsageLedger.inMemory());
    service.ingest(UsageEvent.of(TEAM, "queue.depth", 5, T0.plusSeconds(60), "late"));
    service.ingest(UsageEvent.of(TEAM, "queue.depth", 9, T0, "early"));

    assertThat(service.usage(TEAM, MARCH).value("queue.depth")).isEqualTo(5);
  }

  @Test
  void uniqueCount_withoutItsDimension_isRejectedNotCounted() {
    MeteringService service = service(UsageLedger.inMemory());

    assertThat(service.ingest(event("active.users", 1, "k"))).isEqualTo(IngestOutcome.REJECTED);
    assertThat(service.usage(TEAM, MARCH).value("active.users")).isZero();
  }

  @Test
  void failedWrite_retriedLater_countsOnce_notZero() {
    FlakyLedger ledger = new FlakyLedger(UsageLedger.inMemory(), 1, false);
    MeteringService service = service(ledger);
    UsageEvent event = event(Meters.ERROR_EVENTS, 3, "evt-1");

    assertThat(service.ingestOrQueue(event)).isEqualTo(IngestOutcome.FAILED);
    assertThat(service.pendingCount()).isEqualTo(1);
    assertThat(service.usage(TEAM, MARCH).value(Meters.ERROR_EVENTS)).isZero();

    assertThat(service.retryPending()).isEqualTo(1);
    assertThat(service.ingest(event)).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(service.usage(TEAM, MARCH).value(Meters.ERROR_EVENTS)).isEqualTo(3);
    assertThat(service.pendingCount()).isZero();
  }

  @Test
  void writeThatCommittedButReportedFailure_retried_countsOnce() {
    FlakyLedger ledger = new FlakyLedger(UsageLedger.inMemory(), 1, true);
    MeteringService service = service(ledger);
    UsageEvent event = event(Meters.ERROR_EVENTS, 3, "evt-1");

    assertThat(service.ingestOrQueue(event)).isEqualTo(IngestOutcome.FAILED);
    service.retryPending();

    assertThat(service.usage(TEAM, MARCH).value(Meters.ERROR_EVENTS)).isEqualTo(3);
  }

  @Test
  void overflowingWrite_isRejected_withoutRecordingItsKey() {
    MeteringService service = new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(),
        clock, 100, MeteringPolicy.builder().setMaxQuantity(Meters.LOG_BYTES, Long.MAX_VALUE).build());
    service.ingest(event(Meters.LOG_BYTES, Long.MAX_VALUE, "big-1"));

    assertThat(service.ingest(event(Meters.LOG_BYTES, 1, "big-2"))).isEqualTo(IngestOutcome.REJECTED);
    assertThat(service.ledger().hasSeen(TEAM, MARCH, "big-2")).isFalse();
    assertThat(service.ledger().hasSeen(TEAM, MARCH, "big-1")).isTrue();
    assertThat(service.usage(TEAM, MARCH).value(Meters.LOG_BYTES)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void retryBuffer_whenFull_dropsAndCounts() {
    MeteringService service = new MeteringService(new FlakyLedger(UsageLedger.inMemory(),
        Integer.MAX_VALUE, false), MeterCatalog.defaults(), clock, 2);
    for (int i = 0; i < 5; i++) {
      service.ingestOrQueue(event(Meters.ERROR_EVENTS, 1, "k" + i));
    }
    assertThat(service.pendingCount()).isEqualTo(2);
    assertThat(service.droppedCount()).isEqualTo(3);
  }

  @Test
  void eventDatedMoreThanADayAhead_isRejected() {
    MeteringService service = service(UsageLedger.inMemory());

    assertThat(service.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1,
        T0.plus(java.time.Duration.ofDays(2)), "future"))).isEqualTo(IngestOutcome.REJECTED);
    assertThat(service.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1,
        T0.plus(java.time.Duration.ofHours(23)), "soon"))).isEqualTo(IngestOutcome.ACCEPTED);
  }

  @Test
  void tooManyDefinedMeters_areCapped() {
    MeterCatalog catalog = MeterCatalog.defaults();
    for (int i = 0; i <= InMemoryUsageLedger.MAX_METERS_PER_SHARD; i++) {
      catalog.define(MeterDefinition.of("m" + i, Aggregation.SUM));
    }
    catalog.define(MeterDefinition.of("one-too-many", Aggregation.SUM));
    MeteringService service = new MeteringService(UsageLedger.inMemory(), catalog, clock, 100);
    for (int i = 0; i < InMemoryUsageLedger.MAX_METERS_PER_SHARD; i++) {
      assertThat(service.ingest(event("m" + i, 1, "k" + i))).isEqualTo(IngestOutcome.ACCEPTED);
    }

    assertThat(service.ingest(event("one-too-many", 1, "x"))).isEqualTo(IngestOutcome.REJECTED);
    assertThat(service.rejectedCount(RejectReason.TOO_MANY_METERS)).isEqualTo(1);
    assertThat(service.ledger().hasSeen(TEAM, MARCH, "x")).isFalse();
    assertThat(service.ingest(event("m1", 1, "y"))).isEqualTo(IngestOutcome.ACCEPTED);
  }

  @Test
  void sameKey_fromTwoTeams_countsForEach() {
    MeteringService service = service(UsageLedger.inMemory());
    TeamId other = TeamId.of("team-b");
    service.ingest(event(Meters.ERROR_EVENTS, 1, "shared"));

    assertThat(service.ingest(UsageEvent.of(other, Meters.ERROR_EVENTS, 1, T0, "shared")))
        .isEqualTo(IngestOutcome.ACCEPTED);
  }

  @Test
  void period_followsTheTeamsBillingZone() {
    ManualClock clock = ManualClock.startingAt("2026-03-02T00:00:00Z"); // February takes late data
    MeteringService service = service(UsageLedger.inMemory(), clock);
    service.setBillingZone(TEAM, ZoneId.of("Europe/Berlin"));
    // 23:30 UTC on 28 Feb is 00:30 on 1 March in Berlin
    service.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, Instant.parse("2026-02-28T23:30:00Z"), "a"));
    service.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, Instant.parse("2026-02-28T22:30:00Z"), "b"));

    BillingPeriod berlinMarch = new BillingPeriod(YearMonth.of(2026, 3), ZoneId.of("Europe/Berlin"));
    BillingPeriod berlinFeb = new BillingPeriod(YearMonth.of(2026, 2), ZoneId.of("Europe/Berlin"));
    assertThat(service.usage(TEAM, berlinMarch).value(Meters.ERROR_EVENTS)).isEqualTo(1);
    assertThat(service.usage(TEAM, berlinFeb).value(Meters.ERROR_EVENTS)).isEqualTo(1);
  }

  @Test
  void listener_failure_doesNotFailIngest_andListenersSeeOnlyAccepted() {
    MeteringService service = service(UsageLedger.inMemory());
    AtomicInteger seen = new AtomicInteger();
    service.addListener((e, p, v) -> {
      throw new IllegalStateException("boom");
    });
    service.addListener((e, p, v) -> seen.incrementAndGet());
    service.ingest(event(Meters.ERROR_EVENTS, 1, "k"));
    service.ingest(event(Meters.ERROR_EVENTS, 1, "k"));

    assertThat(seen).hasValue(1);
  }

  @Test
  void forgetKeysBefore_keepsUsage_dropsOldKeysOnly() {
    ManualClock clock = ManualClock.startingAt("2026-03-02T00:00:00Z"); // February takes late data
    MeteringService service = service(UsageLedger.inMemory(), clock);
    service.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, Instant.parse("2026-02-10T00:00:00Z"), "old"));
    service.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, clock.instant(), "new"));
    service.ledger().forgetKeysBefore(YearMonth.of(2026, 3));

    BillingPeriod feb = BillingPeriod.utc(YearMonth.of(2026, 2));
    assertThat(service.ledger().hasSeen(TEAM, feb, "old")).isFalse();
    assertThat(service.ledger().hasSeen(TEAM, MARCH, "new")).isTrue();
    assertThat(service.usage(TEAM, feb).value(Meters.ERROR_EVENTS)).isEqualTo(1);
  }

  /** A ledger whose first N writes fail, either before or after the real write committed. */
  static final class FlakyLedger implements UsageLedger {
    private final UsageLedger delegate;
    private int failures;
    private final boolean failAfterCommit;

    FlakyLedger(UsageLedger delegate, int failures, boolean failAfterCommit) {
      this.delegate = delegate;
      this.failures = failures;
      this.failAfterCommit = failAfterCommit;
    }

    @Override
    public IngestOutcome record(BillingPeriod period, MeterDefinition meter, UsageEvent event) {
      if (failures > 0) {
        failures--;
        if (failAfterCommit) {
          delegate.record(period, meter, event);
        }
        throw new IllegalStateException("database unavailable");
      }
      return delegate.record(period, meter, event);
    }

    @Override
    public UsageRecord usage(TeamId teamId, BillingPeriod period) {
      return delegate.usage(teamId, period);
    }

    @Override
    public long value(TeamId teamId, BillingPeriod period, String meter) {
      return delegate.value(teamId, period, meter);
    }

    @Override
    public boolean hasSeen(TeamId teamId, BillingPeriod period, String key) {
      return delegate.hasSeen(teamId, period, key);
    }

    @Override
    public void forgetKeysBefore(YearMonth month) {
      delegate.forgetKeysBefore(month);
    }
  }
}
