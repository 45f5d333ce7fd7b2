package dev.obskit.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBookRegistry;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.PriceItem;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invoices computed by hand (the arithmetic and the seed source are in each case's comment) for 20
 * subscriptions of the default book, every region, every bundle and none, proration, zero and
 * huge usage. Expected amounts are literal strings; nothing here is derived from the code under
 * test.
 */
class HandComputedInvoicesTest {
  static final PriceBook BOOK = PriceBooks.defaultBook();
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));
  static final BillingPeriod FEBRUARY = BillingPeriod.utc(YearMonth.of(2026, 2));
  static final Instant BEFORE = Instant.parse("2026-01-15T10:00:00Z");
  static final long GB = 1_000_000_000L;

  final ManualClock clock = ManualClock.startingAt("2026-04-01T00:00:00Z");
  final PricingCalculator calculator =
      new PricingCalculator(new PriceBookRegistry().register(BOOK), clock);

  record Case(String name, Region region, BillingPeriod period, UnaryOperator<Subscription> setup,
      Map<String, Long> usage, Map<String, String> expectedLines, String expectedTotal) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, Long> usage(Object... pairs) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
    }
    return map;
  }

  static Map<String, String> lines(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  static UnaryOperator<Subscription> plan(String code) {
    return s -> s.changePlan(BOOK, code, BEFORE);
  }

  static UnaryOperator<Subscription> bundle(String code) {
    return s -> s.changePlan(BOOK, "team", BEFORE).changeBundle(BOOK, Optional.of(code), BEFORE);
  }

  static UnaryOperator<Subscription> addOns(Object... codeQuantity) {
    return s -> {
      Subscription next = s.changePlan(BOOK, "team", BEFORE);
      for (int i = 0; i < codeQuantity.length; i += 2) {
        next = next.addAddOn(BOOK, (String) codeQuantity[i], ((Number) codeQuantity[i + 1]).longValue(),
            BEFORE, false);
      }
      return next;
    };
  }

  /*
   * Sources of the expected figures. "S001" is seed 001's price list, the lines issue 18 cites
   * (324-325, 446, 611, 637-655); the seed document was not available in this workspace, so the
   * figures were taken from its transcription in shared/reference/billing.md section 1 ("the
   * default price list as given in the product brief") and issue 18's corrections. The README's
   * seed-conformance table maps every item of the book to its source.
   */
  static Stream<Case> cases() {
    return Stream.of(
        // S001 no bundle: no telemetry allowance and no overage, so 10 GB logs bill nothing;
        // errors (S001): 1,000,000 - 100,000 free = 900,000 x 0.00005 = 45.00
        new Case("no bundle, US_EAST", Region.US_EAST, MARCH, plan("team"),
            usage(Meters.LOG_BYTES, 10 * GB, Meters.ERROR_EVENTS, 1_000_000),
            lines("team", "0.00", "error-events", "45.00"), "45.00"),
        // S001 NANO 30 incl. 50 GB logs, 50 GB traces, 2.5 B points; overage 0.10/GB, 5/B:
        // logs 60 - 50 = 10 x 0.10 = 1.00; traces 40 < 50 = 0; metrics 3 - 2.5 = 0.5 x 5 = 2.50
        new Case("NANO, GERMANY", Region.GERMANY, MARCH, bundle("telemetry-nano"),
            usage(Meters.LOG_BYTES, 60 * GB, Meters.TRACE_BYTES, 40 * GB,
                Meters.METRIC_POINTS, 3_000_000_000L),
            lines("team", "0.00", "telemetry-nano", "30.00", "logs", "1.00", "traces", "0.00",
                "metrics", "2.50"), "33.50"),
        // S001 MICRO 120 incl. 210 GB: logs 210.55 - 210 = 0.55 x 0.10 = 0.055 -> 0.06 (half-up);
        // traces 300 - 210 = 90 x 0.10 = 9.00 (S001: 0.10 in every region, US_WEST included)
        new Case("MICRO, US_WEST", Region.US_WEST, MARCH, bundle("telemetry-micro"),
            usage(Meters.LOG_BYTES, 210_550_000_000L, Meters.TRACE_BYTES, 300 * GB,
                Meters.METRIC_POINTS, 11_000_000_000L),
            lines("team", "0.00", "telemetry-micro", "120.00", "logs", "0.06", "traces", "9.00",
                "metrics", "0.00"), "129.06"),
        // S001 MEGA 250 incl. 450 GB, 30 B: logs 50 x 0.10 = 5.00 (no Singapore surcharge);
        // traces 1 x 0.10 = 0.10; metrics 1.2 x 5 = 6.00
        new Case("MEGA, SINGAPORE", Region.SINGAPORE, MARCH, bundle("telemetry-mega"),
            usage(Meters.LOG_BYTES, 500 * GB, Meters.TRACE_BYTES, 451 * GB,
                Meters.METRIC_POINTS, 31_200_000_000L),
            lines("team", "0.00", "telemetry-mega", "250.00", "logs", "5.00", "traces", "0.10",
                "metrics", "6.00"), "261.10"),
        // S001 TERA 500 incl. 925 GB, 70 B: logs exactly 925 = 0; traces 75 x 0.10 = 7.50
        new Case("TERA, US_EAST", Region.US_EAST, MARCH, bundle("telemetry-tera"),
            usage(Meters.LOG_BYTES, 925 * GB, Meters.TRACE_BYTES, 1000 * GB,
                Meters.METRIC_POINTS, 70_000_000_000L),
            lines("team", "0.00", "telemetry-tera", "500.00", "logs", "0.00", "traces", "7.50",
                "metrics", "0.00"), "507.50"),
        // S001 responders 3 x 34 = 102; monitors: 2 packs of 50 bought x 25 = 50 (the 51 metered
        // monitors bill nothing by themselves); subscribers: 1,000 included with the one free
        // page, 2,500 - 1,000 = 1,500 = 2 started thousands x 40 = 80
        new Case("responders, monitor packs, subscribers", Region.GERMANY, MARCH,
            addOns("monitor-pack", 2),
            usage(Meters.RESPONDERS, 3, Meters.MONITORS, 51, Meters.STATUS_PAGE_SUBSCRIBERS, 2500),
            lines("team", "0.00", "monitor-pack", "50.00", "responders", "102.00",
                "status-page-subscribers", "80.00"), "232.00"),
        // S001 one status page free, each additional 15: 2 x 15 = 30; CSS/JS 15; white-label 250;
        // password 50; IP restriction 250; SSO 250; email domain 250 = 1,095. Subscribers: 3 pages
        // x 1,000 included = 3,000; 3,001 = 1 started thousand x 40 = 40. Total 1,135
        new Case("status page add-ons", Region.US_EAST, MARCH,
            addOns("extra-status-page", 2, "status-page-custom-css-js", 1,
                "status-page-white-label", 1, "status-page-password", 1,
                "status-page-ip-restriction", 1, "status-page-sso", 1, "custom-email-domain", 1),
            usage(Meters.STATUS_PAGE_SUBSCRIBERS, 3001),
            lines("team", "0.00", "extra-status-page", "30.00", "status-page-custom-css-js", "15.00",
                "status-page-white-label", "250.00", "status-page-password", "50.00",
                "status-page-ip-restriction", "250.00", "status-page-sso", "250.00",
                "custom-email-domain", "250.00", "status-page-subscribers", "40.00"), "1135.00"),
        // S001 phone number 3 x 250 + custom bucket 250
        new Case("phone numbers and custom bucket", Region.US_WEST, MARCH,
            addOns("phone-number", 3, "custom-bucket", 1), usage(),
            lines("team", "0.00", "phone-number", "750.00", "custom-bucket", "250.00"), "1000.00"),
        // S001 TURBO 2000; object storage 1,234.5 GB x 0.05 = 61.725 -> 61.73; NVMe 100 x 1.00
        new Case("warehouse TURBO with storage", Region.GERMANY, MARCH,
            addOns("warehouse-turbo", 1),
            usage("warehouse.object_storage.bytes", 1_234_500_000_000L, "warehouse.nvme.bytes",
                100 * GB),
            lines("team", "0.00", "warehouse-turbo", "2000.00", "object-storage", "61.73",
                "nvme-storage", "100.00"), "2161.73"),
        // S001 ULTRA 4000
        new Case("warehouse ULTRA", Region.SINGAPORE, MARCH, addOns("warehouse-ultra", 1), usage(),
            lines("team", "0.00", "warehouse-ultra", "4000.00"), "4000.00"),
        // S001 HYPER 6000
        new Case("warehouse HYPER", Region.US_EAST, MARCH, addOns("warehouse-hyper", 1), usage(),
            lines("team", "0.00", "warehouse-hyper", "6000.00"), "6000.00"),
        // S001 NANO 30 and MEGA 250, prorated: NANO 1-10 March: 30 x 0.322580645 = 9.67741935
        // -> 9.68; MEGA 11-31: 250 x 0.677419355 = 169.35483875 -> 169.35; logs 400 GB within
        // MEGA's 450 (bundle at period end)
        new Case("bundle upgrade on 11 March", Region.US_EAST, MARCH,
            s -> s.changePlan(BOOK, "team", BEFORE)
                .changeBundle(BOOK, Optional.of("telemetry-nano"), BEFORE)
                .changeBundle(BOOK, Optional.of("telemetry-mega"),
                    Instant.parse("2026-03-11T15:30:00Z")),
            usage(Meters.LOG_BYTES, 400 * GB),
            lines("team", "0.00", "telemetry-nano", "9.68", "telemetry-mega", "169.35",
                "logs", "0.00"), "179.03"),
        // free plan, nothing used: one 0.00 line
        new Case("free plan, zero usage", Region.GERMANY, MARCH, plan("free"), usage(),
            lines("free", "0.00"), "0.00"),
        // S001 errors: 9e9 - 1e5 = 8,999,900,000 x 0.00005 = 449,995.00; 1,000,000 GB of logs
        // without a bundle bill nothing (S001 no bundle)
        new Case("huge usage, SINGAPORE, no bundle", Region.SINGAPORE, MARCH, plan("team"),
            usage(Meters.ERROR_EVENTS, 9_000_000_000L, Meters.LOG_BYTES, 1_000_000L * GB),
            lines("team", "0.00", "error-events", "449995.00"), "449995.00"),
        // S001 TERA 500; logs 1,000,000 - 925 = 999,075 GB x 0.10 = 99,907.50
        new Case("huge logs, SINGAPORE, TERA", Region.SINGAPORE, MARCH, bundle("telemetry-tera"),
            usage(Meters.LOG_BYTES, 1_000_000L * GB),
            lines("team", "0.00", "telemetry-tera", "500.00", "logs", "99907.50"), "100407.50"),
        // S001 white-label 250 and SSO 250, prorated: white-label 1-15 March: 250 x 0.483870968
        // = 120.967742 -> 120.97; SSO 20-31 March (12 days): 250 x 0.387096774 = 96.7741935 -> 96.77
        new Case("add-on cancelled and added mid-month", Region.US_EAST, MARCH,
            s -> s.changePlan(BOOK, "team", BEFORE)
                .addAddOn(BOOK, "status-page-white-label", 1, BEFORE, false)
                .endItem("status-page-white-label", Instant.parse("2026-03-16T08:00:00Z"))
                .addAddOn(BOOK, "status-page-sso", 1, Instant.parse("2026-03-20T00:00:00Z"), false),
            usage(),
            lines("team", "0.00", "status-page-white-label", "120.97", "status-page-sso", "96.77"),
            "217.74"),
        // S001 errors: 100,100 - 100,000 = 100 x 0.00005 = 0.005 -> 0.01 half-up (half-even: 0.00)
        new Case("rounding half-up at half a cent", Region.GERMANY, MARCH, plan("team"),
            usage(Meters.ERROR_EVENTS, 100_100),
            lines("team", "0.00", "error-events", "0.01"), "0.01"),
        // S001 phone number 250; February has 28 days: from 15 Feb = 14 days = 0.5 x 250 = 125.00
        new Case("February proration", Region.US_WEST, FEBRUARY,
            s -> s.changePlan(BOOK, "team", BEFORE)
                .addAddOn(BOOK, "phone-number", 1, Instant.parse("2026-02-15T12:00:00Z"), false),
            usage(),
            lines("team", "0.00", "phone-number", "125.00"), "125.00"),
        // free plan, no bundle: 2.5 GB logs bill nothing; 99,999 errors within the free 100,000
        new Case("free plan allowances, no bundle", Region.US_WEST, MARCH, plan("free"),
            usage(Meters.LOG_BYTES, 2_500_000_000L, Meters.ERROR_EVENTS, 99_999),
            lines("free", "0.00", "error-events", "0.00"), "0.00"),
        // S001 monitors are packs the customer buys: 120 metered monitors, no pack, bill nothing;
        // subscribers 1,000 = exactly the free page's allowance = 0.00
        new Case("monitors without packs, subscribers within the free page", Region.GERMANY, MARCH,
            plan("team"), usage(Meters.MONITORS, 120, Meters.STATUS_PAGE_SUBSCRIBERS, 1000),
            lines("team", "0.00", "status-page-subscribers", "0.00"), "0.00"));
  }

  Invoice quote(Case c) {
    TeamId team = TeamId.of("t-" + Math.abs(c.name().hashCode()));
    Subscription subscription = c.setup().apply(Subscription.create(SubscriptionId.of("s-1"), team,
        BOOK, c.region(), ZoneOffset.UTC));
    UsageRecord usage = new UsageRecord(team, c.period(), c.usage(), Map.of());
    return calculator.quote(subscription, usage, c.period());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void quote_matchesHandComputedInvoice(Case c) {
    Invoice invoice = quote(c);

    Map<String, String> actual = new LinkedHashMap<>();
    for (InvoiceLine line : invoice.lines()) {
      actual.put(line.itemCode(), line.amount().amount().toPlainString());
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(c.expectedLines());
    assertThat(invoice.total()).isEqualTo(Money.of(c.expectedTotal(), "USD"));
    assertThat(invoice.total().amount().toPlainString()).isEqualTo(c.expectedTotal());
  }

  @Test
  void cases_coverEveryItemOfTheDefaultBook() {
    Set<String> billed = cases().flatMap(c -> quote(c).lines().stream())
        .map(InvoiceLine::itemCode).collect(Collectors.toCollection(TreeSet::new));
    Set<String> all = BOOK.items().stream().map(PriceItem::code)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(billed).isEqualTo(all);
    assertThat(cases().map(Case::region).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Region.US_EAST, Region.US_WEST, Region.GERMANY, Region.SINGAPORE);
  }

  @Test
  void errorEvents_millionAtFiveHundredThousandthsOverFreeHundredThousand_isExactly45() {
    Invoice invoice = quote(cases().findFirst().orElseThrow());
    InvoiceLine errors = invoice.line("error-events").orElseThrow();

    assertThat(errors.quantity()).isEqualByComparingTo("1000000");
    assertThat(errors.included()).isEqualByComparingTo("100000");
    assertThat(errors.overage()).isEqualByComparingTo("900000");
    assertThat(errors.unitPrice()).isEqualByComparingTo("0.00005");
    assertThat(errors.amount()).isEqualTo(Money.of("45.00", "USD"));
    assertThat(errors.amount().amount().toPlainString()).isEqualTo("45.00");
  }

  @Test
  void proratedLine_showsKillBillStyleFactor() {
    Case upgrade = cases().filter(c -> c.name().startsWith("bundle upgrade")).findFirst().orElseThrow();
    Invoice invoice = quote(upgrade);

    assertThat(invoice.line("telemetry-nano").orElseThrow().proration()).isEqualByComparingTo("0.322580645");
    assertThat(invoice.line("telemetry-mega").orElseThrow().proration()).isEqualByComparingTo("0.677419355");
    assertThat(invoice.line("telemetry-mega").orElseThrow().description()).contains("21 of 31 days");
  }

  @Test
  void hostBook_canStillPriceLogsByRegion() {
    String json = "{\"id\":\"host\",\"version\":1,\"currency\":\"USD\",\"effectiveFrom\":"
        + "\"2026-01-01\",\"items\":[{\"code\":\"logs\",\"kind\":\"USAGE\",\"unit\":\"GB\","
        + "\"meter\":\"telemetry.logs.bytes\",\"unitSize\":\"1000000000\",\"regionPricing\":{"
        + "\"US_EAST\":{\"model\":\"PER_UNIT\",\"unitPrice\":\"0.15\"},"
        + "\"SINGAPORE\":{\"model\":\"PER_UNIT\",\"unitPrice\":\"0.35\"}}}]}";
    PriceBook host = dev.obskit.billing.pricebook.PriceBookParser.parse(
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        dev.obskit.billing.pricebook.PriceBookFormat.JSON, "host.json");
    PricingCalculator hostPricing =
        new PricingCalculator(new PriceBookRegistry().register(host), clock);
    TeamId team = TeamId.of("h");
    UsageRecord usage = new UsageRecord(team, MARCH, Map.of(Meters.LOG_BYTES, 10 * GB), Map.of());

    // 10 GB x 0.15 = 1.50 in US_EAST; 10 GB x 0.35 = 3.50 in SINGAPORE; GERMANY is not offered
    assertThat(hostPricing.quote(Subscription.create(SubscriptionId.of("s"), team, host,
        Region.US_EAST, ZoneOffset.UTC), usage, MARCH).total()).isEqualTo(Money.of("1.50", "USD"));
    assertThat(hostPricing.quote(Subscription.create(SubscriptionId.of("s"), team, host,
        Region.SINGAPORE, ZoneOffset.UTC), usage, MARCH).total()).isEqualTo(Money.of("3.50", "USD"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Subscription.create(
        SubscriptionId.of("s"), team, host, Region.GERMANY, ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GERMANY");
  }

  @Test
  void quote_whenUsageBelongsToAnotherTeam_isRefused() {
    Subscription s = Subscription.create(SubscriptionId.of("s-1"), TeamId.of("a"), BOOK,
        Region.US_EAST, ZoneOffset.UTC);
    UsageRecord other = UsageRecord.empty(TeamId.of("b"), MARCH);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> calculator.quote(s, other, MARCH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("team b");
  }

  @Test
  void lines_listedInStableOrder_recurringBeforeUsage() {
    Invoice invoice = quote(cases().skip(1).findFirst().orElseThrow());
    assertThat(invoice.lines()).extracting(InvoiceLine::type)
        .containsExactly(LineType.RECURRING, LineType.RECURRING, LineType.USAGE, LineType.USAGE,
            LineType.USAGE);
    // one log price in every region (S001), so the line does not name the region
    assertThat(List.of(invoice.lines().get(2).description())).containsExactly("Logs ingested");
  }
}
