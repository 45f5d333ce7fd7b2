package dev.obskit.errors.ingest;

import static dev.obskit.errors.ingest.Envelopes.envelopeRequest;
import static dev.obskit.errors.ingest.Envelopes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.issue.Issue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests of a few hundred bytes that used to stall or kill an ingest thread (issue 15): huge
 * exponents in numeric timestamps, regex recursion and quadratic scans in message
 * parameterisation, Errors escaping {@code handle()}, and no bound on the CPU one request takes.
 */
class HostileIngestTest {
  private static final String ID = Envelopes.EVENT_ID;
  /** Generous for a linear pass over a 1 MiB event on a shared 2-core machine, far below the old costs. */
  private static final long FAST_MILLIS = 2_000;

  private ObsKit kit;
  private ErrorsModule errors;
  private SentryIngestHandler handler;

  @BeforeEach
  void setUp() {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START),
        TestKits.project().setRateLimitPerMinute(100_000).build());
    errors = kit.module(ErrorsModule.class);
    handler = errors.ingestHandler();
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private IngestResponse send(String eventJson) {
    return handler.handle(envelopeRequest(utf8(Envelopes.envelope(eventJson))));
  }

  private IngestResponse timed(String eventJson) {
    long start = System.nanoTime();
    IngestResponse r = send(eventJson);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).as("milliseconds to handle the request").isLessThan(FAST_MILLIS);
    return r;
  }

  private List<Issue> issues() {
    return errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first(100)).items();
  }

  // --- numeric timestamps

  @Test
  void eventTimestamp_hugeExponent_refused400NamingTheField_fast() {
    // 1e9999999 took 6 s and 142 MiB (1e99999999: 156 s) and was stored as the epoch.
    IngestResponse r = timed("{\"event_id\":\"" + ID + "\",\"timestamp\":1e9999999,\"message\":\"x\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("timestamp out of range").contains("1e9999999");
    assertThat(issues()).isEmpty();
  }

  @Test
  void eventTimestamp_hugeExponentAt153Bytes_refusedFast() {
    IngestResponse r = timed("{\"event_id\":\"" + ID + "\",\"timestamp\":1e99999999}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("timestamp out of range");
  }

  @Test
  void breadcrumbTimestamps_hugeExponents_refused400NamingTheField_fast() {
    String crumb = "{\"timestamp\":1e9999999,\"message\":\"m\"}";
    IngestResponse r = timed("{\"event_id\":\"" + ID + "\",\"message\":\"x\",\"breadcrumbs\":["
        + crumb + "," + crumb + "," + crumb + "]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("breadcrumb.timestamp out of range");
  }

  @Test
  void timestamps_outOfRangeEitherWay_refused400() {
    for (String ts : List.of("-1", "-1e9999999", "253402300800", "1e12", "1e-9999999x", "\"+10000-01-01T00:00:00Z\"")) {
      IngestResponse r = timed("{\"event_id\":\"" + ID + "\",\"timestamp\":" + ts + "}");
      assertThat(r.status()).as(ts).isEqualTo(400);
      assertThat(r.bodyText()).as(ts).contains("timestamp");
    }
  }

  @Test
  void timestamps_inRange_accepted() {
    // 1.7e9 seconds written with an exponent, a negative exponent, and as plain decimal.
    for (String ts : List.of("1.7e9", "17000000000e-1", "1700000000.5", "0")) {
      IngestResponse r = send("{\"timestamp\":" + ts + ",\"message\":\"ok " + ts + "\"}");
      assertThat(r.status()).as(ts).isEqualTo(200);
    }
  }

  @Test
  void transactionTimestamp_hugeExponent_refused400NamingTheField_fast() {
    String tx = "{\"type\":\"transaction\",\"transaction\":\"GET /\",\"start_timestamp\":1e9999999,"
        + "\"timestamp\":1700000000}";
    String envelope = "{\"event_id\":\"" + ID + "\"}\n{\"type\":\"transaction\",\"length\":"
        + utf8(tx).length + "}\n" + tx + "\n";
    long start = System.nanoTime();
    IngestResponse r = handler.handle(envelopeRequest(utf8(envelope)));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(FAST_MILLIS);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("start_timestamp out of range");
    assertThat(errors.items().transactions().latest(TestKits.TEAM, TestKits.PROJECT, 10)).isEmpty();
  }

  // --- message parameterisation at the 8,192-character cap

  @Test
  void message_dottedLettersAtCap_groupedFast_noStackOverflow() {
    // The host-name rule recursed once per "a." and a StackOverflowError escaped handle().
    IngestResponse r = timed("{\"event_id\":\"" + ID + "\",\"message\":\"" + "a.".repeat(4096) + "\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(issues()).hasSize(1);
  }

  @Test
  void framelessException_emailShapedValueAtCap_groupedFast() {
    String value = "x@" + "a.".repeat(4095);
    IngestResponse r = timed("{\"event_id\":\"" + ID + "\",\"exception\":{\"values\":[{\"type\":\"E\","
        + "\"value\":\"" + value + "\"}]}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(issues()).hasSize(1);
  }

  @Test
  void thirtyTwoFramelessExceptions_with8KiBValues_groupedFast() {
    // The e-mail rule was quadratic: this took 5.5 s.
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      values.append(i == 0 ? "" : ",").append("{\"type\":\"E").append(i).append("\",\"value\":\"")
          .append("a".repeat(8192)).append("\"}");
    }
    IngestResponse r = timed("{\"event_id\":\"" + ID + "\",\"exception\":{\"values\":[" + values + "]}}");
    assertThat(r.status()).isEqualTo(200);
  }

  // --- Errors and the budget

  @Test
  void errorThrownWhileProcessing_neverEscapesHandle_answered4xx() {
    PiiScrubber exploding = new PiiScrubber() {
      @Override
      public String scrubText(String text) {
        throw new StackOverflowError("scrubber recursed");
      }

      @Override
      public boolean isSensitiveKey(String key) {
        return false;
      }

      @Override
      public java.util.Map<String, String> scrubMap(java.util.Map<String, String> map) {
        return map;
      }
    };
    ErrorsConfig config = ErrorsConfig.builder().addProject(TestKits.project().build())
        .setInstallGlobalTracker(false).build();
    try (ObsKit other = ObsKit.builder().setClock(ManualClock.startingAt(TestKits.START))
        .setScrubber(exploding).addModule(ctx -> ErrorsModule.create(ctx, config)).build().start()) {
      SentryIngestHandler h = other.module(ErrorsModule.class).ingestHandler();
      IngestResponse r = h.handle(envelopeRequest(utf8(Envelopes.envelope(
          Envelopes.event("E", "boom", "place")))));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.bodyText()).contains("StackOverflowError");
      assertThat(h.stats().rejected()).isEqualTo(1);
    }
  }

  @Test
  void requestOverItsCpuBudget_stopped422_withClearDetail() {
    handler.setCpuBudget(Duration.ofNanos(1));
    StringBuilder frames = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      frames.append(i == 0 ? "" : ",").append("{\"module\":\"a.B").append(i)
          .append("\",\"function\":\"f\",\"in_app\":true}");
    }
    IngestResponse r = send("{\"event_id\":\"" + ID + "\",\"exception\":{\"values\":[{\"type\":\"E\","
        + "\"stacktrace\":{\"frames\":[" + frames + "]}}]}}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyText()).contains("processing budget of 0 ms");
    assertThat(handler.stats().overBudget()).isEqualTo(1);
    assertThat(issues()).isEmpty();

    handler.setCpuBudget(SentryIngestHandler.DEFAULT_CPU_BUDGET);
    assertThat(send(Envelopes.event("E", "boom", "place")).status()).isEqualTo(200);
  }
}
