package dev.obskit.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.cost.CostRepository;
import dev.obskit.billing.metering.UsageLedger;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.pricing.InvoiceRepository;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.billing.subscription.SubscriptionRepository;
import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Store;
import dev.obskit.core.time.ManualClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BillingModule takes every repository, the usage ledger included, from the kit's store. */
class BillingModuleStoreTest {
  private static final TeamId TEAM = TeamId.of("acme");
  private static final PriceBook BOOK = PriceBooks.defaultBook();
  private final SubscriptionRepository subscriptions = SubscriptionRepository.inMemory();
  private final InvoiceRepository invoices = InvoiceRepository.inMemory();
  private final CostRepository costs = CostRepository.inMemory();
  private final UsageLedger ledger = UsageLedger.inMemory();

  @Test
  void create_takesEveryRepositoryFromTheStore() {
    Store store = Store.inMemory(Map.of(SubscriptionRepository.class, subscriptions,
        InvoiceRepository.class, invoices, CostRepository.class, costs, UsageLedger.class, ledger));
    try (ObsKit kit = ObsKit.builder().setClock(ManualClock.startingAt("2026-03-15T12:00:00Z"))
        .setConfig(ConfigProperties.of(Map.of())).setStore(store)
        .addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults())).build().start()) {
      BillingModule billing = kit.module(BillingModule.class);

      billing.saveSubscription(Subscription.create(SubscriptionId.of("sub"), TEAM, BOOK,
          Region.US_EAST, ZoneOffset.UTC).changePlan(BOOK, "team",
          Instant.parse("2026-01-01T00:00:00Z")));

      assertThat(subscriptions.findByTeam(TEAM)).hasSize(1);
      assertThat(billing.invoices()).isSameAs(invoices);
      assertThat(billing.costs().repository()).isSameAs(costs);
      assertThat(billing.metering().ledger()).isSameAs(ledger);
    }
  }
}
