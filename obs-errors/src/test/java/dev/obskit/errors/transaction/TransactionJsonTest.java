package dev.obskit.errors.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Hand-written transaction payloads in the shape sentry-java sends (epoch-second timestamps). */
class TransactionJsonTest {
  private static final String ID = "5b1c3d2e4f6a7b8c9d0e1f2a3b4c5d6e";

  private static Transaction read(String json, String envelopeId) throws Exception {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return TransactionJson.read(b, 0, b.length, envelopeId);
  }

  private static String reason(String json, String envelopeId) {
    try {
      read(json, envelopeId);
      throw new AssertionError("expected a malformed transaction");
    } catch (MalformedTransactionException e) {
      return e.reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void read_sentryJavaShape_summarisesNameOpTraceSpansAndTimes() throws Exception {
    String json = "{\"event_id\":\"" + ID + "\",\"type\":\"transaction\",\"platform\":\"java\","
        + "\"transaction\":\"GET /orders/{id}\",\"start_timestamp\":1795320000.250,"
        + "\"timestamp\":1795320001.750,\"release\":\"shop@1.0.0\",\"environment\":\"test\","
        + "\"contexts\":{\"runtime\":{\"name\":\"OpenJDK\"},\"trace\":{\"trace_id\":"
        + "\"4b9135a4f1e34b8e9a2f1c6d7e8f9a0b\",\"span_id\":\"a1b2c3d4e5f60718\","
        + "\"op\":\"http.server\",\"status\":\"ok\"}},"
        + "\"spans\":[{\"op\":\"db.query\",\"data\":{\"rows\":[1,2]}},{\"op\":\"http.client\"},"
        + "{\"op\":\"cache.get\"}],\"measurements\":{},\"tags\":{\"a\":\"b\"}}";
    Transaction t = read(json, null);
    assertThat(t.eventId()).isEqualTo(ID);
    assertThat(t.name()).isEqualTo("GET /orders/{id}");
    assertThat(t.op()).isEqualTo("http.server");
    assertThat(t.traceId()).isEqualTo("4b9135a4f1e34b8e9a2f1c6d7e8f9a0b");
    assertThat(t.status()).isEqualTo("ok");
    assertThat(t.spanCount()).isEqualTo(3);
    assertThat(t.start()).isEqualTo(Instant.ofEpochSecond(1_795_320_000L, 250_000_000));
    assertThat(t.end()).isEqualTo(Instant.ofEpochSecond(1_795_320_001L, 750_000_000));
    assertThat(t.duration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(t.release()).isEqualTo("shop@1.0.0");
    assertThat(t.environment()).isEqualTo("test");
  }

  @Test
  void read_rfc3339Times_envelopeIdWinsAndIsNormalised() throws Exception {
    String json = "{\"event_id\":\"" + ID + "\",\"transaction\":\"job\","
        + "\"start_timestamp\":\"2026-11-22T04:00:00Z\",\"timestamp\":\"2026-11-22T04:00:02.5+00:00\"}";
    Transaction t = read(json, "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE");
    assertThat(t.eventId()).isEqualTo("aaaaaaaabbbbccccddddeeeeeeeeeeee");
    assertThat(t.duration()).isEqualTo(Duration.ofMillis(2500));
    assertThat(t.spanCount()).isZero();
    assertThat(t.op()).isNull();
  }

  @Test
  void read_malformedPayloads_failWithCountableReasons() {
    String times = "\"start_timestamp\":1,\"timestamp\":2";
    assertThat(reason("{\"transaction\":\"x\",", ID)).isEqualTo("invalid_json");
    assertThat(reason("[1,2]", ID)).isEqualTo("not_an_object");
    assertThat(reason("{\"type\":\"event\"," + times + "}", ID)).isEqualTo("wrong_type");
    assertThat(reason("{" + times + "}", null)).isEqualTo("missing_event_id");
    assertThat(reason("{\"event_id\":\"xyz\"," + times + "}", null)).isEqualTo("invalid_event_id");
    assertThat(reason("{\"start_timestamp\":1}", ID)).isEqualTo("missing_timestamp");
    assertThat(reason("{\"start_timestamp\":\"yesterday\",\"timestamp\":2}", ID))
        .isEqualTo("invalid_timestamp");
    assertThat(reason("{\"start_timestamp\":-5,\"timestamp\":2}", ID)).isEqualTo("timestamp_out_of_range");
    assertThat(reason("{\"start_timestamp\":true,\"timestamp\":2}", ID)).isEqualTo("invalid_timestamp");
    assertThatThrownBy(() -> read("{\"start_timestamp\":\"nope\",\"timestamp\":2}", ID))
        .hasMessageContaining("start_timestamp").hasMessageContaining("nope");
  }
}
