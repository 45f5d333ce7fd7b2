package dev.obskit.billing.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceId;
import dev.obskit.billing.pricing.InvoiceLine;
import dev.obskit.billing.pricing.LineType;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostAndMarginTest {
  static final Currency USD = Money.currency("USD");
  static final LocalDate MAR_3 = LocalDate.of(2026, 3, 3);

  final ManualClock clock = ManualClock.startingAt("2026-03-04T02:00:00Z");
  final CostLedger ledger = new CostLedger(CostRepository.inMemory(), clock);

  static CostRecord record(String service, String amount, CostSource source) {
    return new CostRecord("digitalocean", "acct-1", service, "", MAR_3, ChargeCategory.USAGE,
        Money.of(amount, "USD"), source, Instant.parse("2026-03-04T01:00:00Z"), "");
  }

  /** A collector answering from a mutable script, like a provider API would. */
  static final class ScriptedCollector implements CostCollector {
    final List<CostRecord> answer = new ArrayList<>();
    int calls;

    @Override
    public String getName() {
      return "scripted";
    }

    @Override
    public List<CostRecord> collect(LocalDate day) {
      calls++;
      return List.copyOf(answer);
    }
  }

  @Test
  void sync_runTwice_isIdempotent_andChangedFiguresUpdateInPlace() {
    ScriptedCollector collector = new ScriptedCollector();
    collector.answer.add(record("droplets", "12.34", CostSource.API));
    collector.answer.add(record("spaces", "0.50", CostSource.API));
    ledger.addCollector(collector);

    assertThat(ledger.sync(MAR_3).count(UpsertOutcome.INSERTED)).isEqualTo(2);
    assertThat(ledger.sync(MAR_3).count(UpsertOutcome.UNCHANGED)).isEqualTo(2);
    collector.answer.set(0, record("droplets", "12.40", CostSource.API));
    CostLedger.SyncReport third = ledger.sync(MAR_3);

    assertThat(third.count(UpsertOutcome.UPDATED)).isEqualTo(1);
    assertThat(ledger.between(MAR_3, MAR_3)).hasSize(2);
    assertThat(ledger.repository().version(record("droplets", "0", CostSource.API).key())).isEqualTo(2);
    assertThat(ledger.between(MAR_3, MAR_3)).extracting(CostRecord::amount)
        .contains(Money.of("12.40", "USD"));
  }

  @Test
  void failingCollector_isReported_othersStillRun() {
    ScriptedCollector ok = new ScriptedCollector();
    ok.answer.add(record("droplets", "1", CostSource.API));
    ledger.addCollector(new CostCollector() {
      @Override
      public String getName() {
        return "twilio";
      }

      @Override
      public List<CostRecord> collect(LocalDate day) {
        throw new IllegalStateException("HTTP 503");
      }
    }).addCollector(ok);

    CostLedger.SyncReport report = ledger.sync(MAR_3);
    assertThat(report.failures()).containsEntry("twilio", "2026-03-03: HTTP 503");
    assertThat(report.count(UpsertOutcome.INSERTED)).isEqualTo(1);
    assertThat(report.missed()).containsEntry("twilio", List.of(MAR_3));
  }

  @Test
  void failedDay_isRetriedAtTheNextDaysSync_andReportedRecovered() {
    java.util.Set<LocalDate> down = new java.util.HashSet<>(List.of(MAR_3));
    List<LocalDate> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    ledger.addCollector(new CostCollector() {
      @Override
      public String getName() {
        return "digitalocean";
      }

      @Override
      public List<CostRecord> collect(LocalDate day) {
        asked.add(day);
        if (down.remove(day)) {
          throw new IllegalStateException("HTTP 500");
        }
        return List.of(new CostRecord("digitalocean", "acct-1", "droplets", "", day,
            ChargeCategory.USAGE, Money.of("1.00", "USD"), CostSource.API, clock.instant(), ""));
      }
    });
    LocalDate mar4 = MAR_3.plusDays(1);

    CostLedger.SyncReport first = ledger.sync(MAR_3);
    CostLedger.SyncReport second = ledger.sync(mar4);

    assertThat(first.failures()).containsKey("digitalocean");
    assertThat(second.failures()).isEmpty();
    assertThat(second.recovered()).containsEntry("digitalocean", List.of(MAR_3));
    assertThat(second.missed()).isEmpty();
    assertThat(asked).containsExactly(MAR_3, MAR_3, mar4);
    assertThat(ledger.between(MAR_3, mar4)).hasSize(2);
  }

  @Test
  void manualAdjustments_areSeparateRows_neverOverwritingCollectedOnes() {
    ledger.record(record("droplets", "10.00", CostSource.API));
    ledger.addManualAdjustment("digitalocean", "acct-1", "droplets", MAR_3, Money.of("2.00", "USD"),
        "snapshot storage not in the API");
    ledger.addManualAdjustment("digitalocean", "acct-1", "droplets", MAR_3, Money.of("-0.50", "USD"),
        "credit");

    assertThat(ledger.between(MAR_3, MAR_3)).hasSize(3);
    MarginReport report = MarginCalculator.monthly(YearMonth.of(2026, 3), USD, List.of(),
        ledger.between(MAR_3, MAR_3));
    assertThat(report.days().get(2).cost()).isEqualTo(Money.of("11.50", "USD"));
  }

  @Test
  void margin_prefersApiOverManualOverEstimate_andSpreadsRevenueExactly() {
    List<CostRecord> costs = List.of(
        record("droplets", "9.00", CostSource.ESTIMATE),
        record("droplets", "10.00", CostSource.API),
        record("droplets", "11.00", CostSource.MANUAL),
        record("spaces", "3.00", CostSource.ESTIMATE),
        record("spaces", "4.00", CostSource.MANUAL),
        new CostRecord("hetzner", "h", "servers", "", LocalDate.of(2026, 3, 31),
            ChargeCategory.USAGE, Money.of("5.00", "EUR"), CostSource.API, Instant.EPOCH, ""));
    Invoice invoice = invoice("100.00");

    MarginReport report = MarginCalculator.monthly(YearMonth.of(2026, 3), USD, List.of(invoice), costs);

    // 100.00 over 31 days = 3.22 x 31 = 99.82, the first 18 days get 3.23 -> 100.00 exactly
    assertThat(report.days()).hasSize(31);
    assertThat(report.days().get(0).revenue()).isEqualTo(Money.of("3.23", "USD"));
    assertThat(report.days().get(17).revenue()).isEqualTo(Money.of("3.23", "USD"));
    assertThat(report.days().get(18).revenue()).isEqualTo(Money.of("3.22", "USD"));
    assertThat(report.days().stream().map(DayMargin::revenue).reduce(Money::plus).orElseThrow())
        .isEqualTo(Money.of("100.00", "USD"));
    // day 3: API droplets 10.00 + MANUAL spaces 4.00 = 14.00; margin 3.23 - 14.00 = -10.77
    assertThat(report.days().get(2).cost()).isEqualTo(Money.of("14.00", "USD"));
    assertThat(report.days().get(2).margin()).isEqualTo(Money.of("-10.77", "USD"));
    assertThat(report.revenue()).isEqualTo(Money.of("100.00", "USD"));
    assertThat(report.cost()).isEqualTo(Money.of("14.00", "USD"));
    assertThat(report.margin()).isEqualTo(Money.of("86.00", "USD"));
    assertThat(report.winningSources()).containsEntry("digitalocean/acct-1/droplets/USAGE", CostSource.API)
        .containsEntry("digitalocean/acct-1/spaces/USAGE", CostSource.MANUAL);
    assertThat(report.excluded()).hasSize(1);
  }

  @Test
  void llmCostMeter_pricesTokensPerModelAndUser_andRanksUsers() {
    LlmPriceTable prices = new LlmPriceTable(USD).put("gpt-x", "2.50", "10.00").put("small", "0.15", "0.60");
    LlmCostMeter meter = new LlmCostMeter(prices, clock);
    TeamId team = TeamId.of("t");
    BillingPeriod period = BillingPeriod.utc(YearMonth.of(2026, 3));
    Instant at = Instant.parse("2026-03-03T10:00:00Z");
    tokens(meter, period, team, "alice", "gpt-x", 1_000_000, 200_000, at);
    tokens(meter, period, team, "bob", "small", 2_000_000, 1_000_000, at);
    tokens(meter, period, team, "carol", "unknown-model", 5, 5, at);
    tokens(meter, period, team, "alice", "small", 100_000, 0, at.plusSeconds(86_400));

    // alice: 1M x 2.50/M + 0.2M x 10/M = 2.50 + 2.00 = 4.50; + 0.1M x 0.15/M = 0.015 -> 4.515
    // bob: 2M x 0.15/M + 1M x 0.60/M = 0.30 + 0.60 = 0.90
    List<LlmCostMeter.UserCost> top = meter.topUsersByCost(LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 31), 2);
    assertThat(top).extracting(LlmCostMeter.UserCost::user).containsExactly("alice", "bob");
    assertThat(top.get(0).cost()).isEqualTo(Money.of("4.52", "USD"));
    assertThat(top.get(1).cost()).isEqualTo(Money.of("0.90", "USD"));
    assertThat(top.get(0).inputTokens()).isEqualTo(1_100_000);

    List<CostRecord> day = meter.collect(LocalDate.of(2026, 3, 3));
    assertThat(day).extracting(CostRecord::service).containsExactlyInAnyOrder("gpt-x", "small");
    assertThat(day).allMatch(r -> r.source() == CostSource.ESTIMATE);
    assertThat(day).extracting(CostRecord::amount)
        .containsExactlyInAnyOrder(Money.of("4.50", "USD"), Money.of("0.90", "USD"));
  }

  private static void tokens(LlmCostMeter meter, BillingPeriod period, TeamId team, String user,
      String model, long in, long out, Instant at) {
    Map<String, String> dims = Map.of("user", user, "model", model);
    meter.onAccepted(new UsageEvent(team, Meters.LLM_INPUT_TOKENS, in, at, user + model + "in" + at, dims), period, () -> 0);
    meter.onAccepted(new UsageEvent(team, Meters.LLM_OUTPUT_TOKENS, out, at, user + model + "out" + at, dims), period, () -> 0);
  }

  static Invoice invoice(String total) {
    BillingPeriod period = BillingPeriod.utc(YearMonth.of(2026, 3));
    InvoiceLine line = new InvoiceLine("team", LineType.RECURRING, "Plan", "month", BigDecimal.ONE,
        BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal(total), BigDecimal.ONE, Money.of(total, "USD"));
    return new Invoice(InvoiceId.of("inv-1"), TeamId.of("t"), 1, SubscriptionId.of("s"),
        "b", 1, period, List.of(line), Money.of(total, "USD"), Instant.EPOCH);
  }
}
