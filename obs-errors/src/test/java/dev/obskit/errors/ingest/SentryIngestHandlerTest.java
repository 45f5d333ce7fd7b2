package dev.obskit.errors.ingest;

import static dev.obskit.errors.ingest.Envelopes.EVENT_ID;
import static dev.obskit.errors.ingest.Envelopes.envelope;
import static dev.obskit.errors.ingest.Envelopes.envelopeRequest;
import static dev.obskit.errors.ingest.Envelopes.event;
import static dev.obskit.errors.ingest.Envelopes.gzip;
import static dev.obskit.errors.ingest.Envelopes.post;
import static dev.obskit.errors.ingest.Envelopes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.issue.Issue;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SentryIngestHandlerTest {
  private ManualClock clock;
  private ObsKit kit;
  private ErrorsModule errors;
  private SentryIngestHandler handler;

  @BeforeEach
  void setUp() {
    clock = ManualClock.startingAt(TestKits.START);
    kit = TestKits.kit(clock, TestKits.project().setRateLimitPerMinute(1000).build());
    errors = kit.module(ErrorsModule.class);
    handler = errors.ingestHandler();
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private List<Issue> issues() {
    return errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first(100)).items();
  }

  @Test
  void envelope_gzipped_answers200WithEventId() {
    IngestResponse r = handler.handle(envelopeRequest(gzip(utf8(envelope(event("E", "boom", "place")))),
        "Content-Encoding", "gzip"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"id\":\"" + EVENT_ID + "\"}");
    assertThat(issues()).singleElement().extracting(Issue::title).isEqualTo("E: boom");
  }

  @Test
  void envelope_deflateAndIdentity_accepted() {
    assertThat(handler.handle(envelopeRequest(Envelopes.zlib(utf8(envelope(event("E", "x", "a")))),
        "Content-Encoding", "deflate")).status()).isEqualTo(200);
    assertThat(handler.handle(envelopeRequest(utf8(envelope(event("E", "x", "a")).replace(EVENT_ID, "1".repeat(32)))))
        .status()).isEqualTo(200);
  }

  @Test
  void auth_spacedHeaderAndQueryKey_accepted() {
    byte[] body = utf8(envelope(event("E", "x", "a")));
    assertThat(handler.handle(post("/api/42/envelope/", body, "X-Sentry-Auth", Envelopes.AUTH_SPACED)).status())
        .isEqualTo(200);
    assertThat(handler.handle(post("/api/42/envelope/?sentry_version=7&sentry_key=" + TestKits.KEY, body)).status())
        .isEqualTo(200);
  }

  @Test
  void auth_missing_403_wrongKey_401_unknownProject_404() {
    byte[] body = utf8(envelope(event("E", "x", "a")));
    IngestResponse missing = handler.handle(post("/api/42/envelope/", body));
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.bodyText()).contains("missing authentication");
    IngestResponse wrong = handler.handle(post("/api/42/envelope/", body,
        "X-Sentry-Auth", "Sentry sentry_version=7,sentry_key=nope"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.bodyText()).contains("invalid sentry_key");
    assertThat(handler.handle(post("/api/99/envelope/?sentry_key=" + TestKits.KEY, body)).status()).isEqualTo(404);
    assertThat(issues()).isEmpty();
  }

  @Test
  void route_unknownPathOrMethod_refused() {
    assertThat(handler.handle(post("/api/42/other/", new byte[0])).status()).isEqualTo(404);
    IngestResponse get = handler.handle(new IngestRequest("GET", "/api/42/envelope/", "", java.util.Map.of(), new byte[0]));
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.headers()).containsEntry("Allow", "POST");
  }

  @Test
  void envelope_truncated_400() {
    String full = envelope(event("E", "x", "a"));
    IngestResponse r = handler.handle(envelopeRequest(utf8(full.substring(0, full.length() - 40))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("declares length").contains("truncated");
  }

  @Test
  void envelope_lengthTooShort_400() {
    String ev = event("E", "x", "a");
    String env = "{}\n{\"type\":\"event\",\"length\":10}\n" + ev + "\n";
    IngestResponse r = handler.handle(envelopeRequest(utf8(env)));
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void envelope_badJsonInEvent_400WithReason() {
    String bad = "{\"event_id\":\"" + EVENT_ID + "\",\"exception\":{\"values\":[{\"type\":}]}}";
    IngestResponse r = handler.handle(envelopeRequest(utf8(envelope(bad))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("invalid event").contains("not valid JSON");
  }

  @Test
  void envelope_badHeaderLine_400() {
    assertThat(handler.handle(envelopeRequest(utf8("not json\n"))).status()).isEqualTo(400);
    assertThat(handler.handle(envelopeRequest(utf8("{}\n{\"length\":2}\n{}\n"))).bodyText())
        .contains("no \\\"type\\\"");
    assertThat(handler.handle(envelopeRequest(new byte[0])).status()).isEqualTo(400);
  }

  @Test
  void envelope_invalidEventIdHeader_400() {
    String env = envelope(event("E", "x", "a")).replaceFirst(EVENT_ID, "not-an-id");
    assertThat(handler.handle(envelopeRequest(utf8(env))).status()).isEqualTo(400);
  }

  @Test
  void envelope_oversizedEventItem_413() {
    String big = event("E", "x".repeat(SentryIngestHandler.MAX_EVENT_BYTES), "a");
    IngestResponse r = handler.handle(envelopeRequest(gzip(utf8(envelope(big))), "Content-Encoding", "gzip"));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.bodyText()).contains("exceeds the 1048576-byte limit");
  }

  @Test
  void envelope_gzipBomb_refusedWithoutInflatingIt() {
    // 256 MiB of zeros compresses to about 250 KiB; the handler must stop at 20 MiB.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) {
        gz.write(zeros);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    IngestResponse r = handler.handle(envelopeRequest(out.toByteArray(), "Content-Encoding", "gzip"));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.bodyText()).contains("after decompression");
  }

  @Test
  void envelope_corruptGzipOrUnsupportedEncoding_4xx() {
    assertThat(handler.handle(envelopeRequest(utf8("definitely not gzip"), "Content-Encoding", "gzip")).status())
        .isEqualTo(400);
    assertThat(handler.handle(envelopeRequest(utf8("x"), "Content-Encoding", "br")).status()).isEqualTo(415);
    byte[] gz = gzip(utf8(envelope(event("E", "x", "a"))));
    byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
    assertThat(handler.handle(envelopeRequest(cut, "Content-Encoding", "gzip")).status()).isEqualTo(400);
  }

  @Test
  void envelope_unknownAndAuxiliaryItems_skippedOrCounted() {
    String report = "{\"timestamp\":\"2026-11-22T04:00:00Z\",\"discarded_events\":[{\"reason\":\"queue_overflow\",\"category\":\"error\",\"quantity\":3}]}";
    String session = "{\"sid\":\"a\",\"init\":true,\"status\":\"crashed\",\"attrs\":{\"release\":\"shop@2.0\"}}";
    String env = envelope(event("E", "x", "a"))
        + "{\"type\":\"client_report\",\"length\":" + report.length() + "}\n" + report + "\n"
        + "{\"type\":\"session\"}\n" + session + "\n"
        + "{\"type\":\"future_thing\",\"length\":3,\"whatever\":{\"x\":1}}\nabc\n"
        + "{\"type\":\"attachment\",\"length\":4,\"filename\":\"a.txt\"}\nabcd\n";
    IngestResponse r = handler.handle(envelopeRequest(utf8(env)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(handler.stats().clientDiscards()).containsEntry("queue_overflow", 3L);
    assertThat(handler.stats().skippedItems()).isEqualTo(1);
    assertThat(handler.stats().attachments()).isEqualTo(1);
    assertThat(errors.releases().find(TestKits.TEAM, TestKits.PROJECT, "shop@2.0").orElseThrow().crashedSessions())
        .isEqualTo(1);
  }

  @Test
  void envelope_sameEventIdTwice_countedOnce() {
    byte[] body = utf8(envelope(event("E", "x", "a")));
    assertThat(handler.handle(envelopeRequest(body)).status()).isEqualTo(200);
    assertThat(handler.handle(envelopeRequest(body)).status()).isEqualTo(200);
    assertThat(issues()).singleElement().extracting(Issue::count).isEqualTo(1L);
    assertThat(handler.stats().duplicates()).isEqualTo(1);
    assertThat(errors.quotas().usedThisMonth(TestKits.PROJECT)).isEqualTo(1);
  }

  @Test
  void store_jsonAndBase64Zlib_accepted() {
    byte[] json = utf8(event("E", "x", "a"));
    IngestResponse r = handler.handle(post("/api/42/store/", json, "X-Sentry-Auth", Envelopes.AUTH_SPACED));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"id\":\"" + EVENT_ID + "\"}");
    byte[] legacy = Base64.getEncoder().encode(Envelopes.zlib(utf8(event("E", "x", "a").replace(EVENT_ID, "2".repeat(32)))));
    assertThat(handler.handle(post("/api/42/store/", legacy, "X-Sentry-Auth", Envelopes.AUTH_SPACED)).status())
        .isEqualTo(200);
    assertThat(handler.handle(post("/api/42/store/", utf8("%%%"), "X-Sentry-Auth", Envelopes.AUTH_SPACED)).status())
        .isEqualTo(400);
  }

  @Test
  void quota_rateLimitPerMinute_429WithSentryHeaders() {
    kit.close();
    kit = TestKits.kit(clock, TestKits.project().setRateLimitPerMinute(1).build());
    errors = kit.module(ErrorsModule.class);
    handler = errors.ingestHandler();
    clock.advance(Duration.ofSeconds(15));
    assertThat(handler.handle(envelopeRequest(utf8(envelope(event("E", "x", "a"))))).status()).isEqualTo(200);
    IngestResponse limited = handler.handle(envelopeRequest(
        utf8(envelope(event("E", "x", "a")).replace(EVENT_ID, "3".repeat(32)))));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers()).containsEntry("X-Sentry-Rate-Limits", "45:error;default:key:rate_limited")
        .containsEntry("Retry-After", "45");
    clock.advance(Duration.ofSeconds(45));
    assertThat(handler.handle(envelopeRequest(
        utf8(envelope(event("E", "x", "a")).replace(EVENT_ID, "4".repeat(32))))).status()).isEqualTo(200);
  }

  @Test
  void quota_monthly_429UntilNextMonth() {
    kit.close();
    kit = TestKits.kit(clock, TestKits.project().setMonthlyQuota(1).build());
    errors = kit.module(ErrorsModule.class);
    handler = errors.ingestHandler();
    assertThat(handler.handle(envelopeRequest(utf8(envelope(event("E", "x", "a"))))).status()).isEqualTo(200);
    IngestResponse limited = handler.handle(envelopeRequest(
        utf8(envelope(event("E", "x", "a")).replace(EVENT_ID, "5".repeat(32)))));
    assertThat(limited.status()).isEqualTo(429);
    // 2026-11-22T04:00Z to 2026-12-01T00:00Z is 8 days 20 hours.
    long expected = Duration.ofDays(8).plusHours(20).toSeconds();
    assertThat(limited.headers()).containsEntry("X-Sentry-Rate-Limits",
        expected + ":error;default:project:usage_exceeded");
    clock.advance(Duration.ofDays(9));
    assertThat(handler.handle(envelopeRequest(
        utf8(envelope(event("E", "x", "a")).replace(EVENT_ID, "6".repeat(32))))).status()).isEqualTo(200);
  }

  @Test
  void handler_piiScrubbed_requestHeadersAndUser() {
    String ev = "{\"event_id\":\"" + EVENT_ID + "\",\"message\":\"mail bob@example.com\","
        + "\"user\":{\"id\":\"7\",\"email\":\"bob@example.com\",\"ip_address\":\"10.0.0.1\"},"
        + "\"request\":{\"url\":\"https://shop.io/x\",\"headers\":{\"Authorization\":\"Bearer abc\",\"Accept\":\"*/*\",\"X-Forwarded-For\":\"1.2.3.4\"}}}";
    assertThat(handler.handle(envelopeRequest(utf8(envelope(ev)))).status()).isEqualTo(200);
    var stored = errors.events().find(TestKits.TEAM, new dev.obskit.errors.issue.EventId(EVENT_ID)).orElseThrow().event();
    assertThat(stored.logEntry().formatted()).doesNotContain("bob@example.com");
    assertThat(stored.user().email()).isEqualTo("[Filtered]");
    assertThat(stored.user().ipAddress()).isNull();
    assertThat(stored.request().headers()).containsOnlyKeys("Accept");
  }
}
