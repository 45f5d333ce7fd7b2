package dev.obskit.billing.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.metering.MeterCatalog;
import dev.obskit.billing.metering.MeteringService;
import dev.obskit.billing.metering.UsageLedger;
import dev.obskit.core.alert.AlertAction;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.QuotaDecision;
import dev.obskit.core.usage.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuotaServiceTest {
  static final TeamId TEAM = TeamId.of("team-q");
  static final String METER = Meters.ERROR_EVENTS;

  final ManualClock clock = ManualClock.startingAt("2026-03-10T12:00:00Z");
  final EventBus bus = EventBus.synchronous();
  final AlertManager alerts = AlertManager.inMemory(clock, bus, IdGenerator.sequential("a"));
  final List<AlertEvent> events = new CopyOnWriteArrayList<>();
  final MeteringService metering =
      new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(), clock, 10);
  final AtomicInteger key = new AtomicInteger();
  QuotaService quotas;

  @BeforeEach
  void setUp() {
    bus.subscribe(AlertEvent.class, events::add);
    quotas = new QuotaService(metering, alerts, clock, QuotaPolicy.DEFAULT,
        (team, at) -> Map.of(METER, 1000L));
    metering.addListener(quotas);
  }

  void use(long quantity) {
    metering.ingest(UsageEvent.of(TEAM, METER, quantity, clock.instant(), "k" + key.incrementAndGet()));
  }

  List<String> triggered() {
    return events.stream().filter(e -> e.action() == AlertAction.TRIGGERED)
        .map(e -> e.alert().dedupKey()).toList();
  }

  @Test
  void below80Percent_raisesNothing() {
    use(799);
    assertThat(events).isEmpty();
  }

  @Test
  void at80Percent_raisesWarningOnce() {
    use(800);
    use(10);
    use(10);

    assertThat(triggered()).containsExactly("billing:quota:errors.events:2026-03:80");
    assertThat(events.get(0).alert().latest().severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(events.get(0).alert().latest().summary()).contains("80%").contains("800 of 1000");
  }

  @Test
  void jumpFrom80To95_notifies95Once() {
    use(800);
    use(160);
    use(5);

    assertThat(triggered()).containsExactly("billing:quota:errors.events:2026-03:80",
        "billing:quota:errors.events:2026-03:95");
    assertThat(events.get(1).alert().latest().severity()).isEqualTo(AlertSeverity.ERROR);
  }

  @Test
  void jumpFromZeroPast95_notifiesOnlyTheHighest() {
    use(960);

    assertThat(triggered()).containsExactly("billing:quota:errors.events:2026-03:95");
  }

  @Test
  void jumpPast100_isCritical() {
    use(500);
    use(700);

    assertThat(triggered()).containsExactly("billing:quota:errors.events:2026-03:100");
    assertThat(events.get(0).alert().latest().severity()).isEqualTo(AlertSeverity.CRITICAL);
  }

  @Test
  void rollover_resolvesLastPeriodsAlerts_andRearms() {
    use(850);
    clock.setInstant(Instant.parse("2026-04-01T00:00:01Z"));
    use(100);
    assertThat(alerts.findOpen(TEAM, "billing:quota:errors.events:2026-03:80")).isEmpty();
    assertThat(events.stream().filter(e -> e.action() == AlertAction.RESOLVED)).hasSize(1);

    use(750);
    assertThat(triggered()).containsExactly("billing:quota:errors.events:2026-03:80",
        "billing:quota:errors.events:2026-04:80");
  }

  @Test
  void rollOverDue_resolvesLastPeriodsAlerts_withoutNewUsage() {
    use(850);
    clock.setInstant(Instant.parse("2026-04-01T00:00:01Z"));
    quotas.rollOverDue();

    assertThat(alerts.findOpen(TEAM, "billing:quota:errors.events:2026-03:80")).isEmpty();
    assertThat(events).extracting(AlertEvent::action)
        .containsExactly(AlertAction.TRIGGERED, AlertAction.RESOLVED);
  }

  @Test
  void backfilledUsage_forAnEarlierPeriod_neverAlerts() {
    metering.ingest(UsageEvent.of(TEAM, METER, 5000, Instant.parse("2026-02-20T00:00:00Z"), "old"));
    assertThat(events).isEmpty();
  }

  @Test
  void gate_allowsUpToTheLimit_thenDeniesWithRetryAfterUntilRollover() {
    use(990);

    assertThat(quotas.check(TEAM, METER, 10).allowed()).isTrue();
    QuotaDecision denied = quotas.check(TEAM, METER, 11);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.limit()).isEqualTo(1000);
    assertThat(denied.used()).isEqualTo(990);
    // 2026-03-10T12:00Z to 2026-04-01T00:00Z
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofDays(21).plusHours(12));
    assertThat(denied.reason()).contains("errors.events quota of 1000");
  }

  @Test
  void gate_forMeterWithoutLimit_isUnlimited() {
    assertThat(quotas.check(TEAM, Meters.LOG_BYTES, Long.MAX_VALUE).allowed()).isTrue();
  }

  @Test
  void quotaOfZero_deniesEverything_andFirstUseRaisesTheTopThreshold() {
    quotas.setLimit(TEAM, METER, 0);

    assertThat(quotas.check(TEAM, METER, 1).allowed()).isFalse();
    assertThat(quotas.check(TEAM, METER, 0).allowed()).isTrue();
    use(1);
    assertThat(triggered()).containsExactly("billing:quota:errors.events:2026-03:100");
  }

  @Test
  void gate_whenLimitsLookupThrows_failsOpen() {
    QuotaService broken = new QuotaService(metering, alerts, clock, QuotaPolicy.DEFAULT,
        (team, at) -> {
          throw new IllegalStateException("db down");
        });
    assertThat(broken.check(TEAM, METER, 1).allowed()).isTrue();
  }

  @Test
  void gate_hugeQuantity_doesNotOverflowIntoAllowed() {
    use(10);
    assertThat(quotas.check(TEAM, METER, Long.MAX_VALUE).allowed()).isFalse();
  }

  @Test
  void policy_rejectsUnorderedThresholds() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new QuotaPolicy(List.of(
        new java.math.BigDecimal("0.9"), new java.math.BigDecimal("0.8"))))
        .hasMessageContaining("ascend");
  }
}
