package dev.obskit.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.billing.money.Money;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscription validation and the invoice run (issue 18, defects 3 and 8). */
class InvoiceRunTest {
  static final PriceBook BOOK = PriceBooks.defaultBook();
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
  static final YearMonth MARCH = YearMonth.of(2026, 3);

  final ManualClock clock = ManualClock.startingAt(NOW);
  final ObsKit kit = ObsKit.builder().setClock(clock)
      .setConfig(ConfigProperties.fromEnvironment(Map.of()))
      .addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults())).build().start();
  final BillingModule billing = kit.module(BillingModule.class);

  @AfterEach
  void close() {
    kit.close();
  }

  static Subscription subscription(String team, Region region) {
    return Subscription.create(SubscriptionId.of("sub-" + team), TeamId.of(team), BOOK, region,
        ZoneOffset.UTC).changePlan(BOOK, "team", START)
        .changeBundle(BOOK, Optional.of("telemetry-nano"), START);
  }

  @Test
  void unknownRegion_isRefusedWhenTheSubscriptionIsSaved() {
    assertThatThrownBy(() -> billing.saveSubscription(subscription("mars", Region.of("MARS"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MARS")
        .hasMessageContaining(BOOK.id());
    assertThat(billing.subscription(TeamId.of("mars"))).isEmpty();
  }

  @Test
  void itemsNotInTheBook_orOfTheWrongKind_areRefusedWhenSaved() {
    Subscription bad = new Subscription(SubscriptionId.of("sub-x"), TeamId.of("x"), 1, BOOK.id(),
        BOOK.version(), Region.GERMANY, ZoneOffset.UTC, java.util.List.of(
            new dev.obskit.billing.subscription.SubscriptionItem("telemetry-giga",
                dev.obskit.billing.pricebook.ItemKind.BUNDLE, 1, START, Optional.empty(), 0, false)));

    assertThatThrownBy(() -> billing.saveSubscription(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("telemetry-giga");
  }

  @Test
  void absurdAddOnQuantity_isRefused() {
    assertThatThrownBy(() -> subscription("acme", Region.GERMANY)
        .addAddOn(BOOK, "phone-number", Long.MAX_VALUE, START, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone-number")
        .hasMessageContaining("9223372036854775807");
  }

  @Test
  void oneTeamsFailure_isIsolatedAndReported_andTheRunIsIdempotentAndResumable() {
    billing.saveSubscription(subscription("good-1", Region.GERMANY));
    billing.saveSubscription(subscription("bad", Region.GERMANY));
    billing.saveSubscription(subscription("good-2", Region.US_EAST));
    // a line above the book's $1,000,000 sanity limit: 1e12 error events x $0.00005 = $50M
    billing.metering().ingest(UsageEvent.of(TeamId.of("bad"), Meters.ERROR_EVENTS,
        1_000_000_000_000L, NOW, "flood"));

    InvoiceRun first = billing.issueInvoices(MARCH);

    assertThat(first.issued()).extracting(i -> i.teamId().value())
        .containsExactlyInAnyOrder("good-1", "good-2");
    assertThat(first.issued()).allSatisfy(i -> assertThat(i.total()).isEqualTo(Money.of("30.00", "USD")));
    assertThat(first.failures()).containsOnlyKeys(TeamId.of("bad"));
    assertThat(first.failures().get(TeamId.of("bad"))).contains("error-events").contains("1000000");

    InvoiceRun second = billing.issueInvoices(MARCH);

    assertThat(second.issued()).isEmpty();
    assertThat(second.alreadyIssued()).hasSize(2);
    assertThat(second.failures()).containsOnlyKeys(TeamId.of("bad"));
    assertThat(billing.invoices().forMonth(MARCH)).hasSize(2)
        .allSatisfy(i -> assertThat(i.version()).isEqualTo(1));
  }
}
