package dev.obskit.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes every string field of a full envelope (event, transaction, session, client report) with
 * long runs of one character and every numeric field with extreme numbers: each request is answered
 * 200 or 4xx within a bound, never throws, never answers 5xx.
 */
class ExtremeValuesPropertyTest {
  private static final String[] NUMBERS = {"1e99999999", "-1e99999999", "1e-99999999", "1E+400",
      "9".repeat(63), "-" + "9".repeat(63), "0." + "0".repeat(62), "1.7976931348623157e308",
      "4.9e-324", "-0", "0", "2147483648", "-2147483649", "9223372036854775808", "1e9", "1.5"};
  private static final long BOUND_MILLIS = 3_000;

  private static ObsKit kit;
  private static SentryIngestHandler handler;

  @BeforeContainer
  static void start() {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START),
        TestKits.project().setRateLimitPerMinute(1_000_000).build());
    handler = kit.module(ErrorsModule.class).ingestHandler();
  }

  @AfterContainer
  static void stop() {
    kit.close();
  }

  /** One generated value per placeholder: S* are strings (JSON-escaped), N* are numbers. */
  record Values(String s1, String s2, String s3, String s4, String n1, String n2, String n3,
      String n4, String n5, String n6) {}

  @Property(tries = 150)
  void extremeValuesInEveryField_answered200Or4xx_inBoundedTime(@ForAll("values") Values v) {
    String event = "{\"event_id\":\"" + Envelopes.EVENT_ID + "\",\"timestamp\":" + v.n1
        + ",\"level\":\"" + v.s4 + "\",\"logger\":\"" + v.s2 + "\",\"release\":\"" + v.s3 + "\""
        + ",\"message\":{\"message\":\"" + v.s1 + "\",\"params\":[" + v.n2 + ",\"" + v.s2 + "\"]}"
        + ",\"exception\":{\"values\":[{\"type\":\"" + v.s3 + "\",\"value\":\"" + v.s1 + "\","
        + "\"mechanism\":{\"type\":\"" + v.s4 + "\",\"exception_id\":" + v.n3 + "},"
        + "\"stacktrace\":{\"frames\":[{\"module\":\"" + v.s2 + "\",\"function\":\"" + v.s3
        + "\",\"lineno\":" + v.n4 + ",\"colno\":" + v.n5 + ",\"in_app\":true}]}},"
        + "{\"type\":\"E\",\"value\":\"" + v.s2 + "\"}]}"
        + ",\"breadcrumbs\":[{\"timestamp\":" + v.n2 + ",\"message\":\"" + v.s1 + "\",\"data\":{\"k\":"
        + v.n6 + "}}]"
        + ",\"threads\":{\"values\":[{\"id\":" + v.n3 + ",\"crashed\":true,\"stacktrace\":{\"frames\":"
        + "[{\"module\":\"" + v.s1 + "\",\"function\":\"f\",\"lineno\":" + v.n5 + "}]}}]}"
        + ",\"tags\":{\"" + v.s4 + "\":" + v.n4 + ",\"t\":\"" + v.s2 + "\"},\"extra\":{\"x\":" + v.n5
        + "},\"contexts\":{\"trace\":{\"n\":" + v.n6 + "}},\"user\":{\"id\":" + v.n1 + ",\"email\":\""
        + v.s1 + "\"},\"fingerprint\":[\"{{ default }}\",\"" + v.s3 + "\"]}";
    String tx = "{\"type\":\"transaction\",\"transaction\":\"" + v.s1 + "\",\"start_timestamp\":" + v.n4
        + ",\"timestamp\":" + v.n5 + ",\"contexts\":{\"trace\":{\"trace_id\":\"" + v.s2 + "\"}},"
        + "\"spans\":[{\"start_timestamp\":" + v.n6 + "}]}";
    String session = "{\"sid\":\"" + v.s2 + "\",\"init\":true,\"started\":" + v.n1 + ",\"errors\":" + v.n2
        + ",\"attrs\":{\"release\":\"" + v.s3 + "\"},\"aggregates\":[{\"exited\":" + v.n3 + ",\"crashed\":"
        + v.n3 + "}]}";
    String report = "{\"timestamp\":" + v.n4 + ",\"discarded_events\":[{\"reason\":\"" + v.s4
        + "\",\"category\":\"error\",\"quantity\":" + v.n5 + "}]}";
    String body = "{\"event_id\":\"" + Envelopes.EVENT_ID + "\",\"sent_at\":" + v.n6 + "}\n"
        + item("event", event) + item("transaction", tx) + item("session", session)
        + item("client_report", report);

    long start = System.nanoTime();
    IngestResponse r = handler.handle(Envelopes.envelopeRequest(Envelopes.utf8(body)));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.status()).isIn(200, 400, 413, 422, 429);
    assertThat(r.bodyText()).startsWith("{");
    assertThat(millis).as("ms for %d bytes", body.length()).isLessThan(BOUND_MILLIS);
  }

  private static String item(String type, String payload) {
    return "{\"type\":\"" + type + "\",\"length\":" + Envelopes.utf8(payload).length + "}\n" + payload + "\n";
  }

  @Provide
  Arbitrary<Values> values() {
    Arbitrary<String> s = repeated();
    Arbitrary<String> n = Arbitraries.oneOf(Arbitraries.of(NUMBERS),
        Arbitraries.longs().map(l -> Long.toString(l)), Arbitraries.doubles().map(d -> Double.toString(d))
            .filter(d -> !d.contains("N") && !d.contains("I")));
    return Combinators.combine(s, s, s, s, n, n, n, n).as((a, b, c, d, e, f, g, h) -> new Object[] {a, b, c, d, e, f, g, h})
        .flatMap(x -> Combinators.combine(n, n).as((i, j) -> new Values((String) x[0], (String) x[1],
            (String) x[2], (String) x[3], (String) x[4], (String) x[5], (String) x[6], (String) x[7], i, j)));
  }

  /** Long runs of one character (or a short unit) that stress scanners: up to twice the 8,192 cap. */
  private static Arbitrary<String> repeated() {
    Arbitrary<String> unit = Arbitraries.of("a", ".", "a.", "@", "x@a.", "1", "1.", ":", "a:", "-", "-1",
        "=", "=\\\"", "\\\\", "\\n", " ", "0x", "ab12", "{{", "{{ default", "\\u00e9", "\\ud83d\\ude00",
        "%", "$$", "$$Lambda$", "lambda$", "2026-11-22T", "http://");
    return Combinators.combine(unit, Arbitraries.integers().between(0, 16_384))
        .as((u, count) -> u.repeat(Math.max(0, count / Math.max(1, u.length()))));
  }
}
