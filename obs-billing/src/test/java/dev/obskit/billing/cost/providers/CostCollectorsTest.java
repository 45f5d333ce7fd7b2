package dev.obskit.billing.cost.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.obskit.billing.cost.CostRecord;
import dev.obskit.billing.cost.CostSource;
import dev.obskit.billing.money.Money;
import dev.obskit.core.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider collectors against local fake servers that check the exact requests. */
class CostCollectorsTest {
  static final LocalDate MAR_2 = LocalDate.of(2026, 3, 2);
  static final String SID = "AC0123456789abcdef0123456789abcdef";
  final ManualClock clock = ManualClock.startingAt("2026-03-03T06:00:00Z");

  @Test
  void digitalOcean_spreadsInvoicePreviewItemsOverTheirDays_perProduct() throws Exception {
    try (FakeServer server = new FakeServer(r -> switch (r.pathAndQuery()) {
      case "/v2/customers/my/invoices?per_page=200" -> FakeServer.ok("{\"invoices\":[{"
          + "\"invoice_uuid\":\"feb-1\",\"amount\":\"40.00\",\"invoice_period\":\"2026-02\"}],"
          + "\"invoice_preview\":{\"invoice_uuid\":\"prev-1\",\"amount\":\"32.00\","
          + "\"invoice_period\":\"2026-03\"}}");
      case "/v2/customers/my/invoices/prev-1?per_page=200" -> FakeServer.ok("{\"invoice_items\":["
          // 24.00 over 3 days = 8.00 on 2 March
          + "{\"product\":\"Droplets\",\"amount\":\"24.00\",\"start_time\":\"2026-03-01T00:00:00Z\","
          + "\"end_time\":\"2026-03-04T00:00:00Z\"},"
          // a zero-length item on 2 March counts whole
          + "{\"product\":\"Spaces Subscription\",\"amount\":\"5.00\",\"start_time\":"
          + "\"2026-03-02T12:00:00Z\",\"end_time\":\"2026-03-02T12:00:00Z\"},"
          // on 1 March only: nothing on 2 March
          + "{\"product\":\"Volumes\",\"amount\":\"9.00\",\"start_time\":\"2026-03-01T00:00:00Z\","
          + "\"end_time\":\"2026-03-02T00:00:00Z\"}],"
          + "\"links\":{\"pages\":{\"next\":\"/v2/customers/my/invoices/prev-1?page=2&per_page=200\"}}}");
      // half of 2 March: 6.00 x 12 h / 12 h = 6.00... of an item running 12 h that day only
      case "/v2/customers/my/invoices/prev-1?page=2&per_page=200" -> FakeServer.ok(
          "{\"invoice_items\":[{\"product\":\"Droplets\",\"amount\":\"3.00\",\"start_time\":"
          + "\"2026-03-02T00:00:00Z\",\"end_time\":\"2026-03-02T12:00:00Z\"}],\"links\":{}}");
      case "/v2/customers/my/balance" -> FakeServer.ok("{\"month_to_date_balance\":\"23.44\","
          + "\"account_balance\":\"12.23\",\"month_to_date_usage\":\"11.21\","
          + "\"generated_at\":\"2026-03-03T05:00:00Z\"}");
      default -> new FakeServer.Answer(404, "{}");
    })) {
      DigitalOceanCostCollector collector = new DigitalOceanCostCollector(server.base(),
          Secret.of("do-secret-token"), "main", clock, FakeServer.http());

      List<CostRecord> records = collector.collect(MAR_2);
      DigitalOceanCostCollector.Balance balance = collector.balance();

      // Droplets 8.00 + 3.00 = 11.00; Spaces 5.00
      assertThat(records).extracting(CostRecord::service, CostRecord::amount,
          CostRecord::source, CostRecord::date).containsExactly(
              tuple("Droplets", Money.of("11.00", "USD"), CostSource.API, MAR_2),
              tuple("Spaces-Subscription", Money.of("5.00", "USD"), CostSource.API, MAR_2));
      assertThat(records.get(0).amount().currency()).isEqualTo(Currency.getInstance("USD"));
      assertThat(balance.monthToDateUsage()).isEqualTo(Money.of("11.21", "USD"));
      assertThat(balance.accountBalance()).isEqualTo(Money.of("12.23", "USD"));
      assertThat(server.requests).extracting(FakeServer.Request::method,
          FakeServer.Request::pathAndQuery, FakeServer.Request::authorization).containsExactly(
              tuple("GET", "/v2/customers/my/invoices?per_page=200", "Bearer do-secret-token"),
              tuple("GET", "/v2/customers/my/invoices/prev-1?per_page=200", "Bearer do-secret-token"),
              tuple("GET", "/v2/customers/my/invoices/prev-1?page=2&per_page=200",
                  "Bearer do-secret-token"),
              tuple("GET", "/v2/customers/my/balance", "Bearer do-secret-token"));
      assertThat(collector.toString()).doesNotContain("do-secret-token").contains("****");
    }
  }

  @Test
  void digitalOcean_nextPageOnAnotherHost_isRefused_tokenNeverSentThere() throws Exception {
    try (FakeServer server = new FakeServer(r -> r.pathAndQuery().contains("prev-1")
        ? FakeServer.ok("{\"invoice_items\":[],\"links\":{\"pages\":{\"next\":"
            + "\"https://evil.example/steal\"}}}")
        : FakeServer.ok("{\"invoice_preview\":{\"invoice_uuid\":\"prev-1\","
            + "\"invoice_period\":\"2026-03\"}}"))) {
      DigitalOceanCostCollector collector = new DigitalOceanCostCollector(server.base(),
          Secret.of("t"), "main", clock, FakeServer.http());

      assertThatThrownBy(() -> collector.collect(MAR_2)).isInstanceOf(ProviderException.class)
          .hasMessageContaining("another host");
    }
  }

  @Test
  void twilio_readsTotalPriceOfTheDay_withBasicAuth_acrossPages() throws Exception {
    String first = "/2010-04-01/Accounts/" + SID
        + "/Usage/Records/Daily.json?Category=totalprice&StartDate=2026-03-02&EndDate=2026-03-02";
    String second = "/2010-04-01/Accounts/" + SID + "/Usage/Records/Daily.json?Page=1&PageToken=x";
    try (FakeServer server = new FakeServer(r -> r.pathAndQuery().equals(first)
        ? FakeServer.ok("{\"usage_records\":[{\"category\":\"totalprice\",\"price\":\"1.2345\","
            + "\"price_unit\":\"usd\",\"start_date\":\"2026-03-02\"}],\"next_page_uri\":\"" + second
            + "\"}")
        : r.pathAndQuery().equals(second)
            ? FakeServer.ok("{\"usage_records\":[{\"category\":\"totalprice\",\"price\":\"0.5\","
                + "\"price_unit\":\"usd\"}],\"next_page_uri\":null}")
            : new FakeServer.Answer(404, "{}"))) {
      TwilioCostCollector collector = new TwilioCostCollector(server.base(), SID,
          Secret.of("twilio-token"), clock, FakeServer.http());

      List<CostRecord> records = collector.collect(MAR_2);

      // 1.2345 + 0.5 = 1.7345 USD
      assertThat(records).singleElement().satisfies(r -> {
        assertThat(r.provider()).isEqualTo("twilio");
        assertThat(r.amount()).isEqualTo(Money.of("1.7345", "USD"));
        assertThat(r.date()).isEqualTo(MAR_2);
      });
      String basic = "Basic " + Base64.getEncoder().encodeToString(
          (SID + ":twilio-token").getBytes(StandardCharsets.UTF_8));
      assertThat(server.requests).extracting(FakeServer.Request::pathAndQuery,
          FakeServer.Request::authorization).containsExactly(tuple(first, basic),
              tuple(second, basic));
      assertThat(collector.toString()).doesNotContain("twilio-token");
    }
  }

  @Test
  void twilio_errorStatus_afterRetries_isAProviderError() throws Exception {
    try (FakeServer server = new FakeServer(r -> new FakeServer.Answer(503, "{}"))) {
      TwilioCostCollector collector = new TwilioCostCollector(server.base(), SID,
          Secret.of("t"), clock, FakeServer.http());

      assertThatThrownBy(() -> collector.collect(MAR_2)).isInstanceOf(ProviderException.class)
          .hasMessageContaining("503").hasMessageNotContaining("Basic");
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void stripeRevenue_mrrAndActiveSubscriptions_pagedWithStartingAfter() throws Exception {
    try (FakeServer server = new FakeServer(r -> switch (r.pathAndQuery()) {
      case "/v1/subscriptions?status=active&limit=100" -> FakeServer.ok("{\"data\":[{\"id\":"
          + "\"sub_1\",\"items\":{\"data\":["
          // 1000 cents x 2 monthly = 20.00
          + "{\"quantity\":2,\"price\":{\"unit_amount\":1000,\"currency\":\"usd\",\"recurring\":"
          + "{\"interval\":\"month\",\"interval_count\":1}}},"
          // 12000 cents yearly = 10.00 a month
          + "{\"quantity\":1,\"price\":{\"unit_amount\":12000,\"currency\":\"usd\",\"recurring\":"
          + "{\"interval\":\"year\",\"interval_count\":1}}},"
          // one-off price: not recurring revenue
          + "{\"quantity\":1,\"price\":{\"unit_amount\":999,\"currency\":\"usd\",\"recurring\":null}}"
          + "]}}],\"has_more\":true}");
      case "/v1/subscriptions?status=active&limit=100&starting_after=sub_1" -> FakeServer.ok(
          // 300 cents weekly = 3.00 x 52 / 12 = 13.00 EUR; 3000 cents every 3 months = 10.00 EUR
          "{\"data\":[{\"id\":\"sub_2\",\"items\":{\"data\":[{\"quantity\":1,\"price\":{"
          + "\"unit_amount\":300,\"currency\":\"eur\",\"recurring\":{\"interval\":\"week\","
          + "\"interval_count\":1}}},{\"quantity\":1,\"price\":{\"unit_amount\":3000,\"currency\":"
          + "\"eur\",\"recurring\":{\"interval\":\"month\",\"interval_count\":3}}}]}}],"
          + "\"has_more\":false}");
      default -> new FakeServer.Answer(404, "{}");
    })) {
      StripeRevenue stripe = new StripeRevenue(server.base(), Secret.of("sk_test_123"),
          FakeServer.http());

      StripeRevenue.Snapshot snapshot = stripe.snapshot();

      assertThat(snapshot.activeSubscriptions()).isEqualTo(2);
      assertThat(snapshot.mrr()).containsOnly(
          Map.entry(Currency.getInstance("USD"), Money.of("30.00", "USD")),
          Map.entry(Currency.getInstance("EUR"), Money.of("23.00", "EUR")));
      assertThat(server.requests).extracting(FakeServer.Request::authorization)
          .containsOnly("Bearer sk_test_123");
      assertThat(server.requests).hasSize(2);
      assertThat(stripe.toString()).doesNotContain("sk_test_123");
    }
  }

  @Test
  void importedCosts_csvAndJson_giveManualRecordsOfTheDay(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("supabase.csv"),
        "provider,accountId,service,sku,date,category,amount,currency,note\r\n"
            + "supabase,prod,database,,2026-03-02,USAGE,25.00,USD,\"pro plan, daily share\"\r\n"
            + "supabase,prod,database,,2026-03-03,USAGE,25.00,USD,\n"
            + "weaviate,prod,vectors,,2026-03-02,,1.5,USD,\n");
    Path json = Files.writeString(dir.resolve("weaviate.json"), "[{\"provider\":\"weaviate\","
        + "\"accountId\":\"prod\",\"service\":\"vectors\",\"date\":\"2026-03-02\",\"amount\":\"2.50\","
        + "\"currency\":\"EUR\",\"note\":null}]");

    List<CostRecord> fromCsv = ImportedCostCollector.of("manual-csv", csv, clock).collect(MAR_2);
    List<CostRecord> fromJson = ImportedCostCollector.of("manual-json", json, clock).collect(MAR_2);

    assertThat(fromCsv).extracting(CostRecord::provider, r -> r.amount().toString(),
        CostRecord::note, CostRecord::source).containsExactly(
            tuple("supabase", "25.00 USD", "pro plan, daily share", CostSource.MANUAL),
            tuple("weaviate", "1.5 USD", "", CostSource.MANUAL));
    assertThat(fromJson).singleElement().satisfies(r ->
        assertThat(r.amount()).isEqualTo(Money.of("2.50", "EUR")));
  }

  @Test
  void importedCosts_badRows_areRefusedNamingRowAndField(@TempDir Path dir) throws Exception {
    String head = "provider,accountId,service,sku,date,category,amount,currency,note\n";
    for (String[] bad : new String[][] {
        {"supabase,prod,db,,2026-03-02,USAGE,+25,USD,\n", "row 1"},
        {"supabase,prod,db,,2026-03-02,USAGE,\u0662\u0665,USD,\n", "row 1"},
        {"supabase,prod,db,,02/03/2026,USAGE,25,USD,\n", "field 'date'"},
        {"supabase,prod,db,,2026-03-02,USAGE,25,XXX,\n", "ISO 4217"},
        {"supabase,prod,db,,2026-03-02,USAGE,25\n", "cells"},
        {"supabase,prod,db,,2026-03-02,USAGE,25,USD,\"open\n", "unterminated"},
        {",prod,db,,2026-03-02,USAGE,25,USD,\n", "field 'provider'"}}) {
      Path file = Files.writeString(dir.resolve("bad.csv"), head + bad[0]);
      assertThatThrownBy(() -> ImportedCostCollector.of("m", file, clock).collect(MAR_2))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.csv")
          .hasMessageContaining(bad[1]);
    }
    Path big = Files.write(dir.resolve("big.csv"), new byte[ImportedCostCollector.MAX_BYTES + 1]);
    assertThatThrownBy(() -> ImportedCostCollector.of("m", big, clock).collect(MAR_2))
        .hasMessageContaining("larger than");
  }

  @Test
  void fromConfig_buildsTheConfiguredCollectors_withoutPrintingSecrets(@TempDir Path dir)
      throws Exception {
    Path csv = Files.writeString(dir.resolve("s.csv"), "provider,accountId,service,date,amount,currency\n");
    dev.obskit.core.config.ConfigProperties config = dev.obskit.core.config.ConfigProperties.of(Map.of(
        "obskit.billing.digitalocean.token", "do-tok",
        "obskit.billing.twilio.account-sid", SID, "obskit.billing.twilio.auth-token", "tw-tok",
        "obskit.billing.cost-imports", "supabase=" + csv));

    List<dev.obskit.billing.cost.CostCollector> collectors = CostCollectors.fromConfig(config, clock);

    assertThat(collectors).extracting(dev.obskit.billing.cost.CostCollector::getName)
        .containsExactly("digitalocean", "twilio", "supabase");
    assertThat(collectors.toString()).doesNotContain("do-tok").doesNotContain("tw-tok");
    assertThat(CostCollectors.fromConfig(dev.obskit.core.config.ConfigProperties.of(Map.of()), clock))
        .isEmpty();
    assertThatThrownBy(() -> CostCollectors.fromConfig(dev.obskit.core.config.ConfigProperties.of(
        Map.of("obskit.billing.twilio.account-sid", SID)), clock))
        .hasMessageContaining("obskit.billing.twilio.auth-token");
  }

  @Test
  void secret_isRedacted_andBlankRefused() {
    assertThat(Secret.of("hunter2").toString()).isEqualTo("****");
    assertThatThrownBy(() -> Secret.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
