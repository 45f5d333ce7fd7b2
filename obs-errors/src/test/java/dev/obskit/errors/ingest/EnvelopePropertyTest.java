package dev.obskit.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random and mutated envelopes: the handler answers 200 or 4xx, never 5xx, never throws. */
class EnvelopePropertyTest {
  private static ObsKit kit;
  private static SentryIngestHandler handler;

  @BeforeContainer
  static void start() {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build());
    handler = kit.module(ErrorsModule.class).ingestHandler();
  }

  @AfterContainer
  static void stop() {
    kit.close();
  }

  private static void assertWellBehaved(IngestResponse r) {
    assertThat(r.status()).isIn(200, 400, 401, 403, 404, 405, 413, 415, 429);
    assertThat(r.headers()).containsEntry("Content-Type", "application/json");
    if (r.status() == 200) {
      assertThat(r.bodyText()).startsWith("{");
    } else {
      assertThat(r.bodyText()).startsWith("{\"detail\":\"");
    }
  }

  @Property(tries = 300)
  void randomBytes_neverServerError(@ForAll byte[] body, @ForAll boolean gzipHeader) {
    IngestResponse r = handler.handle(gzipHeader
        ? Envelopes.envelopeRequest(body, "Content-Encoding", "gzip")
        : Envelopes.envelopeRequest(body));
    assertWellBehaved(r);
  }

  @Property(tries = 400)
  void mutatedEnvelope_neverServerError(@ForAll("mutations") List<int[]> edits, @ForAll boolean compress) {
    byte[] body = Envelopes.utf8(Envelopes.envelope(Envelopes.event("E", "boom 42", "place"))
        + "{\"type\":\"client_report\"}\n{\"discarded_events\":[]}\n");
    for (int[] edit : edits) {
      body = apply(body, edit);
    }
    IngestResponse r = compress
        ? handler.handle(Envelopes.envelopeRequest(Envelopes.gzip(body), "Content-Encoding", "gzip"))
        : handler.handle(Envelopes.envelopeRequest(body));
    assertWellBehaved(r);
  }

  @Property(tries = 200)
  void randomJsonishEvent_neverServerError(@ForAll("jsonish") String payload) {
    IngestResponse r = handler.handle(Envelopes.envelopeRequest(Envelopes.utf8(Envelopes.envelope(payload))));
    assertWellBehaved(r);
  }

  /** An edit: kind 0 flips a byte, 1 deletes a range, 2 duplicates a range, 3 truncates. */
  private static byte[] apply(byte[] body, int[] edit) {
    if (body.length == 0) {
      return body;
    }
    int pos = Math.floorMod(edit[1], body.length);
    int len = Math.min(edit[2], body.length - pos);
    switch (edit[0]) {
      case 0: {
        byte[] copy = body.clone();
        copy[pos] = (byte) edit[3];
        return copy;
      }
      case 1: {
        byte[] out = new byte[body.length - len];
        System.arraycopy(body, 0, out, 0, pos);
        System.arraycopy(body, pos + len, out, pos, body.length - pos - len);
        return out;
      }
      case 2: {
        byte[] out = Arrays.copyOf(body, body.length + len);
        System.arraycopy(body, pos, out, pos + len, body.length - pos);
        return out;
      }
      default:
        return Arrays.copyOf(body, pos);
    }
  }

  @Provide
  Arbitrary<List<int[]>> mutations() {
    Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 4000), Arbitraries.integers().between(1, 64),
        Arbitraries.of(0, 10, 123, 125, 34, 58, 44, 57, 255, 31, 92))
        .as((k, p, l, b) -> new int[] {k, p, l, b});
    return edit.list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"exception\"", "\"values\"",
        "\"frames\"", "\"stacktrace\"", "\"type\"", "\"E\"", "null", "1e999", "-1", "true", "\"timestamp\"",
        "\"2026-13-45\"", "\"event_id\"", "\"zz\"", "\"message\"", "\"tags\"", "\"breadcrumbs\"",
        "\"lineno\"", "\"in_app\"", "\"fingerprint\"", "\"\\u0000\"");
    return token.list().ofMaxSize(60).map(l -> String.join("", l));
  }
}
