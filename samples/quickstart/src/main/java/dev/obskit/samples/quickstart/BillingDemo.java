package dev.obskit.samples.quickstart;

import dev.obskit.billing.BillingConfig;
import dev.obskit.billing.BillingModule;
import dev.obskit.billing.cost.DayMargin;
import dev.obskit.billing.cost.MarginReport;
import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceLine;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Billing: the month-to-date invoice of the demo team, priced from the usage the earlier sections
 * reported through the kit's bus (logs shipped, errors captured, monitors), then the month's margin
 * against a cost record added by hand. The module is added first so it meters everything.
 */
final class BillingDemo implements DemoSection {
  @Override
  public String title() {
    return "obs-billing: month-to-date invoice from the demo's own usage, and the margin";
  }

  @Override
  public void addModules(ObsKitBuilder builder, DemoEnvironment env) {
    builder.addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults()));
  }

  @Override
  public void run(ObsKit kit, DemoEnvironment env, PrintStream out) {
    BillingModule billing = kit.module(BillingModule.class);
    PriceBook book = PriceBooks.defaultBook();
    BillingPeriod period = billing.currentPeriod(env.team());
    Subscription subscription = Subscription.create(SubscriptionId.of("demo-sub"), env.team(), book,
            Region.GERMANY, ZoneOffset.UTC)
        .changePlan(book, "team", period.start())
        .changeBundle(book, Optional.of("telemetry-nano"), period.start());
    billing.saveSubscription(subscription);
    out.println("  subscription  -> " + env.team() + ": plan team, bundle NANO, region GERMANY, book "
        + book.id() + " v" + book.version());

    UsageRecord usage = billing.usage(env.team(), period);
    out.println("  usage metered -> " + period + " (" + usage.values().size() + " meters)");
    if (usage.values().isEmpty()) {
      out.println("    (no usage reported yet by the other sections)");
    }
    for (Map.Entry<String, Long> meter : usage.values().entrySet()) {
      out.printf("    %-36s %,20d  (%,d events)%n", meter.getKey(), meter.getValue(),
          usage.eventCounts().getOrDefault(meter.getKey(), 0L));
    }

    Invoice invoice = billing.quoteMonthToDate(env.team());
    out.println("  month-to-date invoice " + invoice.id() + " (" + invoice.total().currency() + ")");
    out.printf("    %-24s %16s %12s %16s %14s %10s%n", "item", "quantity", "included", "overage",
        "unit price", "amount");
    for (InvoiceLine line : invoice.lines()) {
      out.printf("    %-24s %16s %12s %16s %14s %10s%n", line.itemCode(),
          line.quantity().toPlainString(), line.included().toPlainString(),
          line.overage().toPlainString(), line.unitPrice().toPlainString(),
          line.amount().amount().toPlainString());
    }
    out.printf("    %-24s %16s %12s %16s %14s %10s%n", "TOTAL", "", "", "", "",
        invoice.total().amount().toPlainString());

    LocalDate today = period.localDate(env.clock().instant());
    billing.costs().addManualAdjustment("hetzner", "demo", "servers", today,
        Money.of("0.85", "USD"), "demo server, entered by hand");
    billing.issueInvoices(period.month());
    MarginReport margin = billing.margin(period.month());
    DayMargin day = margin.days().get(today.getDayOfMonth() - 1);
    out.println("  cost record   -> hetzner/demo/servers " + today + ": 0.85 USD (MANUAL)");
    out.println("  margin " + today + " -> revenue " + day.revenue().amount() + " - cost "
        + day.cost().amount() + " = " + day.margin().amount() + " USD");
    out.println("  margin " + period.month() + "    -> revenue " + margin.revenue().amount()
        + " - cost " + margin.cost().amount() + " = " + margin.margin().amount() + " USD");
    env.facts().put("billing.invoiceTotal", invoice.total().toString());
  }
}
