package dev.obskit.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.billing.BillingConfig;
import dev.obskit.billing.BillingModule;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

class ConcurrentIngestTest {
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));

  @Test
  void fourThreadsReplayingTheSameEvents_countEachOnce() throws Exception {
    MeteringService service = new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(),
        ManualClock.startingAt(T0), 10);
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      events.add(UsageEvent.of(TeamId.of("t" + (i % 7)), Meters.ERROR_EVENTS, 1 + i % 5, T0, "e" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        List<UsageEvent> mine = new ArrayList<>(events);
        Collections.shuffle(mine, new Random(t));
        done.add(pool.submit(() -> mine.forEach(service::ingest)));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long total = 0;
    for (int team = 0; team < 7; team++) {
      total += service.usage(TeamId.of("t" + team), MARCH).value(Meters.ERROR_EVENTS);
    }
    // each block of 5 consecutive events adds 1+2+3+4+5 = 15; 20,000 / 5 = 4,000 blocks
    assertThat(total).isEqualTo(60_000);
  }

  @Test
  void moduleRetriesAFailedWriteInTheBackground_andCountsItOnce() {
    MeteringServiceTest.FlakyLedger flaky =
        new MeteringServiceTest.FlakyLedger(UsageLedger.inMemory(), 1, false);
    ManualClock clock = ManualClock.startingAt(T0);
    BillingConfig config = BillingConfig.builder().setRetryInterval(Duration.ofMillis(100)).build();
    try (ObsKit kit = ObsKit.builder().setClock(clock)
        .setConfig(ConfigProperties.fromEnvironment(Map.of()))
        .addModule(ctx -> BillingModule.create(ctx, config, flaky)).build().start()) {
      BillingModule billing = kit.module(BillingModule.class);
      TeamId team = TeamId.of("acme");
      kit.context().usage().report(UsageEvent.of(team, Meters.ERROR_EVENTS, 5, T0, "once"));
      assertThat(billing.metering().pendingCount()).isEqualTo(1);
      kit.context().usage().report(UsageEvent.of(team, Meters.ERROR_EVENTS, 5, T0, "once"));

      await().atMost(Duration.ofSeconds(10)).until(() -> billing.metering().pendingCount() == 0);
      assertThat(billing.usage(team, MARCH).value(Meters.ERROR_EVENTS)).isEqualTo(5);
    }
  }
}
