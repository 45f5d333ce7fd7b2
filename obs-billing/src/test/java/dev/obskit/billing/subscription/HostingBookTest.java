package dev.obskit.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBookRegistry;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceLine;
import dev.obskit.billing.pricing.LineType;
import dev.obskit.billing.pricing.PricingCalculator;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A host's own book: hosting add-ons in 30-day terms, limits = plan + active add-ons. */
class HostingBookTest {
  static final PriceBook BOOK = PriceBooks.hostingBook();
  static final TeamId TEAM = TeamId.of("shop-1");
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));

  Subscription subscription() {
    return Subscription.create(SubscriptionId.of("sub-1"), TEAM, BOOK, Region.GERMANY, ZoneOffset.UTC)
        .changePlan(BOOK, "starter", Instant.parse("2026-01-01T00:00:00Z"))
        .addAddOn(BOOK, "ram-500mb", 2, Instant.parse("2026-03-05T09:00:00Z"), false)
        .addAddOn(BOOK, "cpu-1", 1, Instant.parse("2026-02-20T00:00:00Z"), true)
        .addAddOn(BOOK, "traffic-10gb", 1, Instant.parse("2026-01-10T00:00:00Z"), false)
        .addAddOn(BOOK, "storage-10gb", 1, Instant.parse("2026-03-31T18:00:00Z"), false);
  }

  @Test
  void effectiveLimits_arePlanPlusActiveAddOns() {
    Subscription s = subscription();

    // 10 March: RAM 512 + 2 x 500; CPU 1 + 1 (renewing); traffic add-on expired 9 Feb;
    // storage add-on not bought yet
    assertThat(s.effectiveLimits(BOOK, Instant.parse("2026-03-10T00:00:00Z")))
        .containsEntry("host.ram.mb", 1512L)
        .containsEntry("host.cpu.cores", 2L)
        .containsEntry("host.http_traffic.bytes", 100_000_000_000L)
        .containsEntry("host.storage.bytes", 10_000_000_000L);
    // 4 April 09:00 is 30 days after 5 March 09:00: the RAM add-on has expired
    assertThat(s.effectiveLimits(BOOK, Instant.parse("2026-04-04T09:00:00Z")))
        .containsEntry("host.ram.mb", 512L)
        .containsEntry("host.cpu.cores", 2L)
        .containsEntry("host.storage.bytes", 20_000_000_000L);
    assertThat(s.effectiveLimits(BOOK, Instant.parse("2026-04-04T08:59:59Z")))
        .containsEntry("host.ram.mb", 1512L);
  }

  @Test
  void march_chargesPlanAndEachTermStartedInMarch() {
    PricingCalculator calculator = new PricingCalculator(new PriceBookRegistry().register(BOOK),
        ManualClock.startingAt("2026-04-01T00:00:00Z"));
    Invoice invoice = calculator.quote(subscription(), UsageRecord.empty(TEAM, MARCH), MARCH);

    // starter 5.00; RAM 2 x 1.00 bought 5 March; CPU renewed 22 March (20 Feb + 30 days) 2.00;
    // traffic bought 10 Jan, expired; storage bought 31 March 1.00. Total 10.00 EUR
    assertThat(invoice.lines()).extracting(InvoiceLine::itemCode, l -> l.amount().amount().toPlainString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("starter", "5.00"),
            org.assertj.core.groups.Tuple.tuple("ram-500mb", "2.00"),
            org.assertj.core.groups.Tuple.tuple("cpu-1", "2.00"),
            org.assertj.core.groups.Tuple.tuple("storage-10gb", "1.00"));
    assertThat(invoice.lines().get(2).type()).isEqualTo(LineType.TERM);
    assertThat(invoice.lines().get(2).description()).contains("from 2026-03-22");
    assertThat(invoice.total()).isEqualTo(Money.of("10.00", "EUR"));
  }

  @Test
  void hostingBook_isShipped_andTrafficReportedOnTheBusIsMeteredAndGated() {
    java.time.Instant now = Instant.parse("2026-03-15T12:00:00Z");
    try (dev.obskit.core.ObsKit kit = dev.obskit.core.ObsKit.builder()
        .setClock(ManualClock.startingAt(now))
        .setConfig(dev.obskit.core.config.ConfigProperties.fromEnvironment(java.util.Map.of()))
        .addModule(ctx -> dev.obskit.billing.BillingModule.create(ctx,
            dev.obskit.billing.BillingConfig.builder().addBook(PriceBooks.hostingBook()).build()))
        .build().start()) {
      dev.obskit.billing.BillingModule billing = kit.module(dev.obskit.billing.BillingModule.class);
      billing.saveSubscription(Subscription.create(SubscriptionId.of("h"), TEAM, BOOK,
              Region.GERMANY, ZoneOffset.UTC)
          .changePlan(BOOK, "starter", Instant.parse("2026-03-01T00:00:00Z"))
          .addAddOn(BOOK, "traffic-10gb", 1, Instant.parse("2026-03-10T00:00:00Z"), false));
      String traffic = dev.obskit.core.usage.Meters.HTTP_TRAFFIC_BYTES;
      for (int i = 0; i < 105; i++) { // 105 x 1 GB, as a request filter would report it
        kit.context().usage().report(dev.obskit.core.usage.UsageEvent.of(TEAM, traffic,
            1_000_000_000L, now.minusSeconds(i), "req-" + i));
      }

      // limit: starter 100 GB + one 10 GB add-on (bought 10 March, 30-day term) = 110 GB
      assertThat(billing.usage(TEAM, MARCH).value(traffic)).isEqualTo(105_000_000_000L);
      assertThat(kit.context().quotaGate().check(TEAM, traffic, 5_000_000_000L).allowed()).isTrue();
      assertThat(kit.context().quotaGate().check(TEAM, traffic, 5_000_000_001L).allowed()).isFalse();
      assertThat(billing.quoteMonthToDate(TEAM).total()).isEqualTo(Money.of("6.00", "EUR"));
    }
  }

  @Test
  void renewingAddOn_termStartsAcrossManyMonths() {
    SubscriptionItem cpu = subscription().items().stream()
        .filter(i -> i.itemCode().equals("cpu-1")).findFirst().orElseThrow();
    // 20 Feb + 30 = 22 Mar, + 30 = 21 Apr, + 30 = 21 May, + 30 = 20 Jun
    assertThat(cpu.termStartsBetween(Instant.parse("2026-06-01T00:00:00Z"),
        Instant.parse("2026-07-01T00:00:00Z")))
        .containsExactly(Instant.parse("2026-06-20T00:00:00Z"));
    assertThat(cpu.isActiveAt(Instant.parse("2027-01-01T00:00:00Z"))).isTrue();
  }

  @Test
  void cancelledRenewingAddOn_stopsRenewing() {
    Subscription s = subscription().endItem("cpu-1", Instant.parse("2026-04-10T00:00:00Z"));
    SubscriptionItem cpu = s.items().stream().filter(i -> i.itemCode().equals("cpu-1"))
        .findFirst().orElseThrow();

    assertThat(cpu.termStartsBetween(Instant.parse("2026-04-01T00:00:00Z"),
        Instant.parse("2026-06-01T00:00:00Z"))).isEmpty();
    assertThat(s.effectiveLimits(BOOK, Instant.parse("2026-04-11T00:00:00Z")))
        .containsEntry("host.cpu.cores", 1L);
  }

  @Test
  void changes_keepTheReadVersion_andKeepHistory() {
    Subscription s = subscription();
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.items()).hasSize(5);
  }

  @Test
  void wrongKindOrBook_isRefusedWithClearMessage() {
    Subscription s = subscription();
    assertThatThrownBy(() -> s.addAddOn(BOOK, "starter", 1, Instant.EPOCH, false))
        .hasMessageContaining("item 'starter' is a PLAN, not a ADD_ON");
    assertThatThrownBy(() -> s.changeBundle(PriceBooks.defaultBook(), Optional.of("telemetry-nano"),
        Instant.EPOCH)).hasMessageContaining("uses price book hosting-2026-01 v1");
    assertThatThrownBy(() -> s.addAddOn(BOOK, "no-such", 1, Instant.EPOCH, false))
        .hasMessageContaining("has no item 'no-such'");
  }

  @Test
  void repository_isTeamScopedAndOptimistic() {
    SubscriptionRepository repo = SubscriptionRepository.inMemory();
    Subscription v1 = Subscription.create(SubscriptionId.of("s"), TEAM, BOOK, Region.GERMANY,
        ZoneOffset.UTC);
    repo.insert(v1);
    Subscription v2 = v1.changePlan(BOOK, "starter", Instant.EPOCH).withVersion(2);
    repo.update(v2);

    assertThat(repo.find(TEAM, SubscriptionId.of("s"))).contains(v2);
    assertThat(repo.find(TeamId.of("other"), SubscriptionId.of("s"))).isEmpty();
    assertThatThrownBy(() -> repo.update(v2)).isInstanceOf(dev.obskit.core.store.StaleVersionException.class);
    assertThat(repo.all()).containsExactly(v2);
  }
}
