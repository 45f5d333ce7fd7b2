package dev.obskit.billing.cost.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.cost.providers.StripeMeterEventExport.MeterEvent;
import dev.obskit.billing.cost.providers.StripeMeterEventExport.Outcome;
import dev.obskit.billing.cost.providers.StripeMeterEventExport.Result;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Stripe meter events against a fake Stripe that deduplicates on identifier as Stripe does. */
class StripeMeterEventExportTest {
  final ManualClock clock = ManualClock.startingAt("2026-04-02T00:00:00Z");
  static final Instant AT = Instant.parse("2026-03-31T23:59:59Z");

  /** A fake Stripe: sums values per customer, refuses a repeated identifier with a 400. */
  static final class FakeStripe {
    final Map<String, Long> totals = new ConcurrentHashMap<>();
    final Map<String, Boolean> seen = new ConcurrentHashMap<>();
    final AtomicInteger failNext = new AtomicInteger();
    boolean storeBeforeFailing;

    FakeServer.Answer answer(FakeServer.Request r) {
      Map<String, String> form = form(r.body());
      String identifier = form.get("identifier");
      if (failNext.get() > 0 && !storeBeforeFailing) {
        failNext.decrementAndGet();
        return new FakeServer.Answer(500, "{\"error\":{\"message\":\"boom\"}}");
      }
      if (seen.putIfAbsent(identifier, true) != null) {
        return new FakeServer.Answer(400, "{\"error\":{\"message\":\"An event with identifier "
            + identifier + " already exists.\",\"type\":\"invalid_request_error\"}}");
      }
      totals.merge(form.get("payload[stripe_customer_id]"), Long.parseLong(form.get("payload[value]")),
          Long::sum);
      if (failNext.get() > 0) {
        failNext.decrementAndGet();
        return new FakeServer.Answer(500, "{\"error\":{\"message\":\"stored, then failed\"}}");
      }
      return FakeServer.ok("{\"object\":\"billing.meter_event\",\"identifier\":\"" + identifier + "\"}");
    }
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  @Test
  void event_isPostedAsStripeDocumentsIt() throws Exception {
    FakeStripe stripe = new FakeStripe();
    try (FakeServer server = new FakeServer(stripe::answer)) {
      StripeMeterEventExport export = new StripeMeterEventExport(server.base(),
          Secret.of("sk_test_abc"), clock, FakeServer.http());

      List<Result> results = export.send(List.of(new MeterEvent("obskit_errors", "cus_123", 900_000,
          "obskit:acme:errors.events:2026-03", AT)));

      assertThat(results).extracting(Result::outcome).containsExactly(Outcome.DELIVERED);
      FakeServer.Request request = server.requests.get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.pathAndQuery()).isEqualTo("/v1/billing/meter_events");
      assertThat(request.authorization()).isEqualTo("Bearer sk_test_abc");
      assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
      assertThat(request.idempotencyKey()).isEqualTo("obskit:acme:errors.events:2026-03:1");
      assertThat(request.body()).isEqualTo("event_name=obskit_errors"
          + "&payload%5Bstripe_customer_id%5D=cus_123&payload%5Bvalue%5D=900000"
          + "&identifier=obskit%3Aacme%3Aerrors.events%3A2026-03&timestamp=1775001599");
      assertThat(stripe.totals).containsEntry("cus_123", 900_000L);
      assertThat(export.toString()).doesNotContain("sk_test_abc");
    }
  }

  @Test
  void retryAfterA500ThatWasStored_isADuplicate_countedOnce() throws Exception {
    FakeStripe stripe = new FakeStripe();
    stripe.storeBeforeFailing = true;
    stripe.failNext.set(1);
    try (FakeServer server = new FakeServer(stripe::answer)) {
      StripeMeterEventExport export = new StripeMeterEventExport(server.base(),
          Secret.of("sk"), clock, FakeServer.http());

      List<Result> results = export.send(List.of(new MeterEvent("ev", "cus_1", 42, "id-1", AT)));

      assertThat(results).extracting(Result::outcome).containsExactly(Outcome.DUPLICATE);
      assertThat(stripe.totals).containsExactly(Map.entry("cus_1", 42L));
      assertThat(server.requests).extracting(FakeServer.Request::idempotencyKey)
          .containsExactly("id-1:1", "id-1:2");
      assertThat(server.requests).extracting(r -> form(r.body()).get("identifier"))
          .containsOnly("id-1");
    }
  }

  @Test
  void retryAfterA500ThatWasNotStored_isDelivered_countedOnce() throws Exception {
    FakeStripe stripe = new FakeStripe();
    stripe.failNext.set(2);
    try (FakeServer server = new FakeServer(stripe::answer)) {
      StripeMeterEventExport export = new StripeMeterEventExport(server.base(),
          Secret.of("sk"), clock, FakeServer.http());

      List<Result> results = export.send(List.of(new MeterEvent("ev", "cus_1", 42, "id-1", AT)));
      // sending the same batch again (a host re-running its export) changes nothing
      List<Result> again = export.send(List.of(new MeterEvent("ev", "cus_1", 42, "id-1", AT)));

      assertThat(results).extracting(Result::outcome).containsExactly(Outcome.DELIVERED);
      assertThat(again).extracting(Result::outcome).containsExactly(Outcome.DUPLICATE);
      assertThat(stripe.totals).containsExactly(Map.entry("cus_1", 42L));
      assertThat(server.requests).hasSize(4);
    }
  }

  @Test
  void perEventOutcomes_oneFailureDoesNotStopTheOthers() throws Exception {
    FakeStripe stripe = new FakeStripe();
    try (FakeServer server = new FakeServer(r -> form(r.body()).get("identifier").equals("bad")
        ? new FakeServer.Answer(400, "{\"error\":{\"message\":\"No such customer: 'cus_x'\"}}")
        : form(r.body()).get("identifier").equals("down")
            ? new FakeServer.Answer(503, "{}") : stripe.answer(r))) {
      StripeMeterEventExport export = new StripeMeterEventExport(server.base(),
          Secret.of("sk"), clock, FakeServer.http());

      List<Result> results = export.send(List.of(
          new MeterEvent("ev", "cus_x", 1, "bad", AT),
          new MeterEvent("ev", "cus_1", 2, "down", AT),
          new MeterEvent("ev", "cus_1", 3, "old", Instant.parse("2026-02-20T00:00:00Z")),
          new MeterEvent("ev", "cus_1", 4, "good", AT)));

      assertThat(results).extracting(Result::outcome, Result::status).containsExactly(
          tuple(Outcome.REJECTED, 400), tuple(Outcome.FAILED, 503), tuple(Outcome.REJECTED, 0),
          tuple(Outcome.DELIVERED, 200));
      assertThat(results.get(0).detail()).isEqualTo("No such customer: 'cus_x'");
      assertThat(stripe.totals).containsExactly(Map.entry("cus_1", 4L));
      // bad: 1 request; down: 3 attempts; old: none; good: 1
      assertThat(server.requests).hasSize(5);
    }
  }

  @Test
  void periodTotals_oneEventPerMappedMeter_withADeterministicIdentifier() {
    BillingPeriod march = BillingPeriod.utc(YearMonth.of(2026, 3));
    UsageRecord usage = new UsageRecord(TeamId.of("acme"), march,
        Map.of(Meters.ERROR_EVENTS, 1_000_000L, Meters.LOG_BYTES, 5L, Meters.MONITORS, 0L), Map.of());

    List<MeterEvent> events = StripeMeterEventExport.periodTotals(usage,
        Map.of(Meters.ERROR_EVENTS, "obskit_errors", Meters.MONITORS, "obskit_monitors"), "cus_9");

    assertThat(events).containsExactly(new MeterEvent("obskit_errors", "cus_9", 1_000_000L,
        "obskit:acme:errors.events:2026-03", AT));
  }
}
