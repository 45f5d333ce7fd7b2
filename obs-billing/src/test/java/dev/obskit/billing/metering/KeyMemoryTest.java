package dev.obskit.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * Memory held per idempotency key by the in-memory ledger (issue 18, defect 11), measured as the
 * bytes the ingesting thread allocates per new key beyond the event itself: an upper bound of what
 * is retained (it includes the garbage of the key map's resizes).
 */
class KeyMemoryTest {
  static final int KEYS = 200_000;

  @Test
  void bytesAllocatedPerKey_areBounded_andKeysAreForgottenAfterTheLateDataWindow() {
    ManualClock clock = ManualClock.startingAt("2026-03-10T12:00:00Z");
    InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    MeteringService service = new MeteringService(ledger, MeterCatalog.defaults(), clock, 10);
    TeamId team = TeamId.of("t");
    UsageEvent[] events = new UsageEvent[KEYS];
    for (int i = 0; i < KEYS; i++) {
      events[i] = UsageEvent.of(team, Meters.ERROR_EVENTS, 1, clock.instant(), "err-" + i);
    }
    service.ingest(UsageEvent.of(team, Meters.ERROR_EVENTS, 1, clock.instant(), "warm-up"));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (UsageEvent event : events) {
      service.ingest(event);
    }
    long perKey = (threads.getCurrentThreadAllocatedBytes() - before) / KEYS;
    System.out.println("in-memory ledger: " + perKey + " bytes allocated per idempotency key"
        + " (upper bound of retained; the key string itself is the event's)");

    assertThat(ledger.keyCount()).isEqualTo(KEYS + 1L);
    assertThat(perKey).isLessThan(200);

    clock.setInstant(Instant.parse("2026-04-04T15:00:00Z")); // March's late-data window closed
    service.ingest(UsageEvent.of(team, Meters.ERROR_EVENTS, 1, clock.instant(), "april"));

    assertThat(ledger.keyCount()).isEqualTo(1);
    assertThat(service.usage(team, BillingPeriod.utc(YearMonth.of(2026, 3)))
        .value(Meters.ERROR_EVENTS)).isEqualTo(KEYS + 1L);
  }
}
