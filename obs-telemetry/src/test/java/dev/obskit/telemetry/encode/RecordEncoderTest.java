package dev.obskit.telemetry.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.TelemetryEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordEncoderTest {
  private final RecordEncoder encoder = new RecordEncoder(100);

  private Map<String, Object> roundTrip(TelemetryEvent e) {
    return RecordReader.parse(encoder.encode(e).toByteArray());
  }

  @Test
  void hostileStrings_areEscapedToValidJson_andSurviveRoundTrip() {
    String nasty = "quote\" backslash\\ newline\n tab\t nul\u0000 bell\u0007 é 中文 😀 </script>";
    TelemetryEvent e = TelemetryEvent.of(1_700_000_000_123_456_789L, Severity.ERROR, "a.B", nasty)
        .putAttribute("k\"ey\n", nasty).putAttribute("n", 42).putAttribute("d", 1.5)
        .putAttribute("inf", Double.POSITIVE_INFINITY).putAttribute("b", true);
    Map<String, Object> r = roundTrip(e);
    assertThat(r.get("message")).isEqualTo(nasty);
    @SuppressWarnings("unchecked")
    Map<String, Object> attrs = (Map<String, Object>) r.get("attributes");
    assertThat(attrs).containsEntry("k\"ey\n", nasty).containsEntry("n", 42L)
        .containsEntry("d", 1.5).containsEntry("inf", "Infinity").containsEntry("b", true);
    assertThat(r.get("dt")).isEqualTo("2023-11-14T22:13:20.123456789Z");
    assertThat(r.get("kind")).isEqualTo("log");
  }

  @Test
  void loneSurrogate_isReplaced_notEmittedAsInvalidUtf8() {
    Map<String, Object> r = roundTrip(TelemetryEvent.of(0, Severity.INFO, "x", "a\ud800b"));
    assertThat(r.get("message")).isEqualTo("a\ufffdb");
  }

  @Test
  void oversizedMessage_isCutWithMarker() {
    Map<String, Object> r = roundTrip(TelemetryEvent.of(0, Severity.INFO, "x", "y".repeat(10_000)));
    assertThat((String) r.get("message")).hasSize(100 + RecordEncoder.TRUNCATED.length())
        .endsWith(RecordEncoder.TRUNCATED);
  }

  @Test
  void formatNanos_handlesPreEpochAndSecondBoundaries() {
    assertThat(RecordEncoder.formatNanos(0)).isEqualTo("1970-01-01T00:00:00.000000000Z");
    assertThat(RecordEncoder.formatNanos(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    assertThat(RecordEncoder.formatNanos(1_000_000_000L)).isEqualTo("1970-01-01T00:00:01.000000000Z");
  }

  @Test
  void plainEvent_encodesToTheDocumentedRecord_byteForByte() {
    TelemetryEvent e = TelemetryEvent.of(1_700_000_000_000_000_007L, Severity.WARN, "a.B",
        "order 42 processed").setThread("main");
    String json = new String(encoder.encode(e).toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"kind\":\"log\",\"dt\":\"2023-11-14T22:13:20.000000007Z\","
        + "\"level\":\"WARN\",\"severity\":13,\"message\":\"order 42 processed\","
        + "\"logger\":\"a.B\",\"thread\":\"main\"}");
  }

  @Test
  void integerAttributes_atTheExtremes_areWrittenExactly() {
    TelemetryEvent e = TelemetryEvent.of(0, Severity.INFO, "x", "m").putAttribute("min",
        Long.MIN_VALUE).putAttribute("max", Long.MAX_VALUE).putAttribute("neg", -907)
        .putAttribute("zero", 0);
    String json = new String(encoder.encode(e).toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).endsWith(",\"attributes\":{\"min\":-9223372036854775808,"
        + "\"max\":9223372036854775807,\"neg\":-907,\"zero\":0}}");
  }

  @Test
  void consecutiveEncodes_onOneThread_acrossSecondBoundary_useTheRightSecond() {
    TelemetryEvent a = TelemetryEvent.of(999_999_999L, Severity.INFO, "x", "a");
    TelemetryEvent b = TelemetryEvent.of(1_000_000_000L, Severity.INFO, "x", "b");
    assertThat(roundTrip(a).get("dt")).isEqualTo("1970-01-01T00:00:00.999999999Z");
    assertThat(roundTrip(b).get("dt")).isEqualTo("1970-01-01T00:00:01.000000000Z");
    assertThat(roundTrip(TelemetryEvent.of(-1, Severity.INFO, "x", "c")).get("dt"))
        .isEqualTo("1969-12-31T23:59:59.999999999Z");
  }
}
