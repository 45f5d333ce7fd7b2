package dev.obskit.benchmarks.billing;

import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBookRegistry;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.PricingCalculator;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.Meters;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Month-end invoice run (goal: 10,000 teams in under 1 s): quotes 10,000 subscriptions of the
 * default book (mixed regions, bundles or none, add-ons, a mid-month bundle change on every tenth
 * team) against their month's usage of eight meters. Score is milliseconds per run of 10,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class InvoiceRunBenchmark {
  static final int TEAMS = 10_000;
  private static final List<Region> REGIONS = List.of(Region.US_EAST, Region.US_WEST,
      Region.GERMANY, Region.SINGAPORE);
  private static final List<Optional<String>> BUNDLES = List.of(Optional.empty(),
      Optional.of("telemetry-nano"), Optional.of("telemetry-micro"), Optional.of("telemetry-mega"),
      Optional.of("telemetry-tera"));

  private final BillingPeriod march = BillingPeriod.utc(YearMonth.of(2026, 3));
  private PricingCalculator calculator;
  private Subscription[] subscriptions;
  private UsageRecord[] usage;

  @Setup
  public void setUp() {
    PriceBook book = PriceBooks.defaultBook();
    calculator = new PricingCalculator(new PriceBookRegistry().register(book),
        Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC));
    subscriptions = new Subscription[TEAMS];
    usage = new UsageRecord[TEAMS];
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < TEAMS; i++) {
      TeamId team = TeamId.of("team-" + i);
      Subscription s = Subscription.create(SubscriptionId.of("sub-" + i), team, book,
          REGIONS.get(i % REGIONS.size()), ZoneOffset.UTC)
          .changePlan(book, "team", start)
          .changeBundle(book, BUNDLES.get(i % BUNDLES.size()), start)
          .addAddOn(book, "extra-status-page", 1 + i % 3, start, false);
      if (i % 10 == 0) {
        s = s.changeBundle(book, Optional.of("telemetry-mega"), Instant.parse("2026-03-11T00:00:00Z"));
      }
      subscriptions[i] = s;
      long gb = 1_000_000_000L;
      usage[i] = new UsageRecord(team, march, Map.of(
          Meters.LOG_BYTES, (i % 1_000) * gb + i,
          Meters.TRACE_BYTES, (i % 700) * gb,
          Meters.METRIC_POINTS, (i % 90) * gb,
          Meters.ERROR_EVENTS, 50_000L + i * 250L,
          Meters.MONITORS, 10L + i % 120,
          Meters.RESPONDERS, 1L + i % 8,
          Meters.STATUS_PAGE_SUBSCRIBERS, (long) i,
          "warehouse.object_storage.bytes", i * 10_000_000L), Map.of());
    }
  }

  @Benchmark
  public Money invoiceTenThousandTeams() {
    Money total = null;
    for (int i = 0; i < TEAMS; i++) {
      Invoice invoice = calculator.quote(subscriptions[i], usage[i], march);
      total = total == null ? invoice.total() : total.plus(invoice.total());
    }
    return total;
  }
}
