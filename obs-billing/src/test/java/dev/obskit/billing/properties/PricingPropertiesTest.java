package dev.obskit.billing.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBookRegistry;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.PricingModel;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.pricebook.Tier;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceLine;
import dev.obskit.billing.pricing.PricingCalculator;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of pricing over generated subscriptions, usage and tiers. */
class PricingPropertiesTest {
  static final PriceBook BOOK = PriceBooks.defaultBook();
  static final TeamId TEAM = TeamId.of("p");
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final List<String> METERS = List.of(Meters.LOG_BYTES, Meters.TRACE_BYTES,
      Meters.METRIC_POINTS, Meters.ERROR_EVENTS, Meters.MONITORS, Meters.RESPONDERS,
      Meters.STATUS_PAGE_SUBSCRIBERS, "warehouse.object_storage.bytes", "warehouse.nvme.bytes");
  static final Map<String, Long> MAX_USAGE = Map.of(Meters.LOG_BYTES, 1_000_000_000_000_000L,
      Meters.TRACE_BYTES, 1_000_000_000_000_000L, Meters.METRIC_POINTS, 100_000_000_000_000L,
      Meters.ERROR_EVENTS, 10_000_000_000L, Meters.MONITORS, 1_000_000L, Meters.RESPONDERS, 10_000L,
      Meters.STATUS_PAGE_SUBSCRIBERS, 10_000_000L, "warehouse.object_storage.bytes",
      1_000_000_000_000_000L, "warehouse.nvme.bytes", 500_000_000_000_000L);
  static final List<Optional<String>> BUNDLES = List.of(Optional.empty(), Optional.of("telemetry-nano"),
      Optional.of("telemetry-micro"), Optional.of("telemetry-mega"), Optional.of("telemetry-tera"));
  static final List<Region> REGIONS = List.of(Region.US_EAST, Region.US_WEST, Region.GERMANY,
      Region.SINGAPORE);

  final PricingCalculator calculator = new PricingCalculator(new PriceBookRegistry().register(BOOK),
      ManualClock.startingAt("2026-04-01T00:00:00Z"));

  record Scenario(Region region, Optional<String> bundle, int changeDay, Map<String, Long> usage) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    // up to about $500k a line (and 1.5 times that with the extra usage of addingUsage): the
    // default items' sanity limit is $1,000,000 a line
    Arbitrary<Map<String, Long>> usage = Arbitraries.longs().between(0, 1_000_000_000_000_000L)
        .list().ofSize(METERS.size()).map(values -> {
          Map<String, Long> map = new LinkedHashMap<>();
          for (int i = 0; i < METERS.size(); i++) {
            map.put(METERS.get(i), values.get(i) % (MAX_USAGE.get(METERS.get(i)) + 1));
          }
          return map;
        });
    return Combinators.combine(Arbitraries.of(REGIONS), Arbitraries.of(BUNDLES),
        Arbitraries.integers().between(0, 31), usage).as(Scenario::new);
  }

  Subscription subscription(Scenario s) {
    Subscription sub = Subscription.create(SubscriptionId.of("s"), TEAM, BOOK, s.region(), ZoneOffset.UTC)
        .changePlan(BOOK, "team", START)
        .addAddOn(BOOK, "status-page-sso", 1, START, false);
    if (s.changeDay() > 0) {
      sub = sub.addAddOn(BOOK, "phone-number", 2, MARCH.start().plusSeconds(86_400L * (s.changeDay() - 1)), false);
    }
    return sub.changeBundle(BOOK, s.bundle(), START);
  }

  Invoice quote(Scenario s) {
    return calculator.quote(subscription(s), new UsageRecord(TEAM, MARCH, s.usage(), Map.of()), MARCH);
  }

  @Property(tries = 300)
  void total_isExactlyTheSumOfRoundedLines(@ForAll("scenarios") Scenario s) {
    Invoice invoice = quote(s);
    Money sum = Money.zero(BOOK.currency());
    for (InvoiceLine line : invoice.lines()) {
      assertThat(line.amount().amount().scale()).isEqualTo(2);
      assertThat(line.amount().signum()).isGreaterThanOrEqualTo(0);
      sum = sum.plus(line.amount());
    }
    assertThat(invoice.total()).isEqualTo(sum);
  }

  @Property(tries = 300)
  void addingUsage_neverLowersTheTotal(@ForAll("scenarios") Scenario s,
      @ForAll @IntRange(min = 0, max = 8) int meterIndex,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long extra) {
    Map<String, Long> more = new LinkedHashMap<>(s.usage());
    String meter = METERS.get(meterIndex);
    more.merge(meter, extra % (MAX_USAGE.get(meter) / 2 + 1), Long::sum);
    Scenario bigger = new Scenario(s.region(), s.bundle(), s.changeDay(), more);

    assertThat(quote(bigger).total()).isGreaterThanOrEqualTo(quote(s).total());
  }

  @Provide
  Arbitrary<List<Tier>> fallingTiers() {
    return Arbitraries.integers().between(1, 5).flatMap(n -> Combinators.combine(
        Arbitraries.longs().between(1, 10_000).list().ofSize(n),
        Arbitraries.integers().between(0, 100_000).list().ofSize(n + 1)).as((widths, cents) -> {
          List<Integer> prices = new ArrayList<>(cents);
          prices.sort((a, b) -> Integer.compare(b, a));
          List<Tier> tiers = new ArrayList<>();
          long bound = 0;
          for (int i = 0; i < n; i++) {
            bound += widths.get(i);
            tiers.add(new Tier(Optional.of(BigDecimal.valueOf(bound)),
                BigDecimal.valueOf(prices.get(i), 4), BigDecimal.ZERO));
          }
          tiers.add(new Tier(Optional.empty(), BigDecimal.valueOf(prices.get(n), 4), BigDecimal.ZERO));
          return tiers;
        }));
  }

  @Property(tries = 500)
  void graduatedAndVolume_agreeUpToAndAtTheFirstTierBoundary(
      @ForAll("fallingTiers") List<Tier> tiers, @ForAll @LongRange(min = 0, max = 10_000) long q) {
    BigDecimal quantity = BigDecimal.valueOf(q).min(tiers.get(0).upTo().orElseThrow());
    assertThat(new PricingModel.Graduated(tiers).amount(quantity))
        .isEqualByComparingTo(new PricingModel.Volume(tiers).amount(quantity));
  }

  @Property(tries = 500)
  void volume_neverExceedsGraduated_whenPricesFall(
      @ForAll("fallingTiers") List<Tier> tiers, @ForAll @LongRange(min = 0, max = 100_000) long q) {
    BigDecimal quantity = BigDecimal.valueOf(q);
    assertThat(new PricingModel.Volume(tiers).amount(quantity))
        .isLessThanOrEqualTo(new PricingModel.Graduated(tiers).amount(quantity));
  }

  @Property(tries = 300)
  void graduated_atEveryBoundary_isTheSumOfFullTiers(@ForAll("fallingTiers") List<Tier> tiers) {
    BigDecimal lower = BigDecimal.ZERO;
    BigDecimal expected = BigDecimal.ZERO;
    for (Tier tier : tiers.subList(0, tiers.size() - 1)) {
      BigDecimal upper = tier.upTo().orElseThrow();
      expected = expected.add(upper.subtract(lower).multiply(tier.unitPrice()));
      assertThat(new PricingModel.Graduated(tiers).amount(upper)).isEqualByComparingTo(expected);
      // volume at a boundary charges every unit at that tier's price (bounds are inclusive)
      assertThat(new PricingModel.Volume(tiers).amount(upper))
          .isEqualByComparingTo(upper.multiply(tier.unitPrice()));
      lower = upper;
    }
  }
}
