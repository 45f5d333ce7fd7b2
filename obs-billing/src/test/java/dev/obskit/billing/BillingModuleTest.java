package dev.obskit.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.cost.MarginReport;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.QuotaDecision;
import dev.obskit.core.usage.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The module inside a real kit: usage published on the bus, quota gate, invoices, margin. */
class BillingModuleTest {
  static final TeamId TEAM = TeamId.of("acme");
  static final PriceBook BOOK = PriceBooks.defaultBook();
  static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

  static List<UsageEvent> workload() {
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      events.add(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1_000, NOW.minusSeconds(i), "err-" + i));
    }
    for (int i = 0; i < 20; i++) {
      events.add(UsageEvent.of(TEAM, Meters.LOG_BYTES, 1_000_000_000L, NOW.minusSeconds(i), "log-" + i));
    }
    events.add(UsageEvent.of(TEAM, Meters.MONITORS, 12, NOW, "mon-1"));
    events.add(UsageEvent.of(TEAM, Meters.MONITORS, 60, NOW, "mon-2"));
    return events;
  }

  Invoice runKit(List<UsageEvent> events, List<AlertEvent> alerts) {
    ManualClock clock = ManualClock.startingAt(NOW);
    try (ObsKit kit = ObsKit.builder().setClock(clock)
        .setConfig(ConfigProperties.fromEnvironment(Map.of()))
        .addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults())).build().start()) {
      BillingModule billing = kit.module(BillingModule.class);
      kit.context().eventBus().subscribe(AlertEvent.class, alerts::add);
      billing.saveSubscription(Subscription.create(SubscriptionId.of("sub"), TEAM, BOOK,
          Region.US_EAST, ZoneOffset.UTC).changePlan(BOOK, "team", Instant.parse("2026-01-01T00:00:00Z")));
      billing.quotas().setLimit(TEAM, Meters.ERROR_EVENTS, 1_000_000);
      events.forEach(kit.context().usage()::report);
      return billing.quoteMonthToDate(TEAM);
    }
  }

  @Test
  void usagePublishedOnTheBus_isInvoiced_identicallyWhenReplayedAndShuffled() {
    Invoice once = runKit(workload(), new CopyOnWriteArrayList<>());
    List<UsageEvent> twice = new ArrayList<>(workload());
    twice.addAll(workload());
    Collections.shuffle(twice, new Random(7));
    Invoice replayed = runKit(twice, new CopyOnWriteArrayList<>());

    // 1,100,000 errors - 100,000 = 1,000,000 x 0.00005 = 50.00; 20 GB of logs without a bundle
    // bill nothing (seed 001); monitors are billed as packs bought, none here
    assertThat(once.line("error-events").orElseThrow().amount()).isEqualTo(Money.of("50.00", "USD"));
    assertThat(once.line("logs")).isEmpty();
    assertThat(once.total()).isEqualTo(Money.of("50.00", "USD"));
    assertThat(replayed.lines()).isEqualTo(once.lines());
    assertThat(replayed.total()).isEqualTo(once.total());
  }

  @Test
  void quotaAlerts_viaCoreAlerts_andGateRegisteredForOtherModules() {
    List<AlertEvent> alerts = new CopyOnWriteArrayList<>();
    ManualClock clock = ManualClock.startingAt(NOW);
    try (ObsKit kit = ObsKit.builder().setClock(clock)
        .setConfig(ConfigProperties.fromEnvironment(Map.of()))
        .addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults())).build().start()) {
      BillingModule billing = kit.module(BillingModule.class);
      kit.context().eventBus().subscribe(AlertEvent.class, alerts::add);
      billing.saveSubscription(Subscription.create(SubscriptionId.of("sub"), TEAM, BOOK,
          Region.GERMANY, ZoneOffset.UTC).changePlan(BOOK, "free", Instant.parse("2026-01-01T00:00:00Z")));

      // the free plan limits error events to 100,000 a month
      kit.context().usage().report(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 96_000, NOW, "a"));
      QuotaDecision gate = kit.context().quotaGate().check(TEAM, Meters.ERROR_EVENTS, 5_000);

      assertThat(alerts).extracting(e -> e.alert().dedupKey())
          .containsExactly("billing:quota:errors.events:2026-03:95");
      assertThat(gate.allowed()).isFalse();
      assertThat(gate.limit()).isEqualTo(100_000);
      assertThat(kit.context().quotaGate().check(TEAM, Meters.ERROR_EVENTS, 4_000).allowed()).isTrue();
      assertThat(kit.context().quotaGate().check(TeamId.of("nobody"), Meters.ERROR_EVENTS, 1).allowed()).isTrue();
    }
  }

  @Test
  void issuedInvoices_feedTheMarginReport() {
    ManualClock clock = ManualClock.startingAt(NOW);
    try (ObsKit kit = ObsKit.builder().setClock(clock)
        .setConfig(ConfigProperties.fromEnvironment(Map.of()))
        .addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults())).build().start()) {
      BillingModule billing = kit.module(BillingModule.class);
      billing.saveSubscription(Subscription.create(SubscriptionId.of("sub"), TEAM, BOOK,
          Region.GERMANY, ZoneOffset.UTC).changePlan(BOOK, "team", Instant.parse("2026-01-01T00:00:00Z"))
          .changeBundle(BOOK, Optional.of("telemetry-nano"), Instant.parse("2026-01-01T00:00:00Z")));
      billing.costs().addManualAdjustment("hetzner", "main", "servers", LocalDate.of(2026, 3, 2),
          Money.of("12.00", "USD"), "monthly server");

      List<Invoice> issued = billing.issueInvoices(YearMonth.of(2026, 3)).issued();
      MarginReport margin = billing.margin(YearMonth.of(2026, 3));

      assertThat(issued).hasSize(1);
      assertThat(issued.get(0).total()).isEqualTo(Money.of("30.00", "USD"));
      assertThat(margin.margin()).isEqualTo(Money.of("18.00", "USD"));
      // with 31.00 of recurring revenue billed through Stripe: revenue 30 + 31 = 61, cost 12;
      // 6,100 cents over 31 days = 196 each, the first 24 days one cent more
      MarginReport withStripe = billing.margin(YearMonth.of(2026, 3), Money.of("31.00", "USD"));
      assertThat(withStripe.revenue()).isEqualTo(Money.of("61.00", "USD"));
      assertThat(withStripe.margin()).isEqualTo(Money.of("49.00", "USD"));
      assertThat(withStripe.days().get(23).revenue()).isEqualTo(Money.of("1.97", "USD"));
      assertThat(withStripe.days().get(24).revenue()).isEqualTo(Money.of("1.96", "USD"));
      // a second run issues nothing new: the stored invoice stays at version 1
      assertThat(billing.issueInvoices(YearMonth.of(2026, 3)).alreadyIssued().get(0).version())
          .isEqualTo(1);
      assertThat(billing.invoices().forMonth(YearMonth.of(2026, 3))).hasSize(1);
      kit.shutdown();
    }
  }

  @Test
  void saveSubscription_withStaleVersion_isRefused() {
    ManualClock clock = ManualClock.startingAt(NOW);
    try (ObsKit kit = ObsKit.builder().setClock(clock)
        .setConfig(ConfigProperties.fromEnvironment(Map.of()))
        .addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults())).build().start()) {
      BillingModule billing = kit.module(BillingModule.class);
      Subscription v1 = billing.saveSubscription(Subscription.create(SubscriptionId.of("sub"), TEAM,
          BOOK, Region.GERMANY, ZoneOffset.UTC));
      Subscription v2 = billing.saveSubscription(v1.changePlan(BOOK, "team", NOW));

      assertThat(v1.version()).isEqualTo(1);
      assertThat(v2.version()).isEqualTo(2);
      org.assertj.core.api.Assertions.assertThatThrownBy(() ->
              billing.saveSubscription(v1.changePlan(BOOK, "free", NOW)))
          .isInstanceOf(dev.obskit.core.store.StaleVersionException.class);
      assertThat(billing.subscription(TEAM).orElseThrow().planAt(NOW.plusSeconds(1)).orElseThrow()
          .itemCode()).isEqualTo("team");
    }
  }

  @Test
  void shutdown_isClean_andUsageFlushedByModulesStoppingLaterIsStillMetered() {
    ManualClock clock = ManualClock.startingAt(NOW);
    ObsKit kit = ObsKit.builder().setClock(clock).setConfig(ConfigProperties.fromEnvironment(Map.of()))
        .setShutdownTimeout(Duration.ofSeconds(5))
        .addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults())).build().start();
    BillingModule billing = kit.module(BillingModule.class);

    billing.shutdown(Duration.ofSeconds(1));
    kit.context().usage().report(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 7, NOW, "late-flush"));
    assertThat(billing.usage(TEAM, billing.currentPeriod(TEAM)).value(Meters.ERROR_EVENTS)).isEqualTo(7);
    assertThat(kit.shutdown().isClean()).isTrue();
  }
}
