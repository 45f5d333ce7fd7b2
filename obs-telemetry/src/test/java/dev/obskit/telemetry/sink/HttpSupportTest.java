package dev.obskit.telemetry.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpSupportTest {
  @Test
  void gzip_isBestSpeed_andDecodesToTheInput() throws Exception {
    byte[] body = "{\"kind\":\"log\",\"message\":\"order 42 processed\"},".repeat(2000)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] gz = HttpSupport.gzip(body);
    try (java.util.zip.GZIPInputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    // The same input through the JDK's deflater at level 1, independently of HttpSupport.
    java.util.zip.Deflater level1 = new java.util.zip.Deflater(
        java.util.zip.Deflater.BEST_SPEED, true);
    level1.setInput(body);
    level1.finish();
    byte[] raw = new byte[body.length];
    int n = level1.deflate(raw);
    level1.end();
    assertThat(gz.length).as("10-byte header + deflate data + 8-byte trailer").isEqualTo(10 + n + 8);
  }

  @Test
  void sharedClient_opensSocketsWithTcpNoDelay_unconnectedAndConnected() throws Exception {
    javax.net.SocketFactory factory = HttpSupport.sharedClient().socketFactory();
    try (Socket unconnected = factory.createSocket()) {
      assertThat(unconnected.getTcpNoDelay()).as("how OkHttp creates them").isTrue();
    }
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket connected = factory.createSocket(InetAddress.getLoopbackAddress(),
            server.getLocalPort())) {
      assertThat(connected.getTcpNoDelay()).isTrue();
    }
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({"200,SUCCESS", "202,SUCCESS", "204,SUCCESS", "400,REJECT", "401,REJECT",
      "403,REJECT", "406,REJECT", "413,TOO_LARGE", "404,REJECT", "408,RETRY", "429,RETRY",
      "500,RETRY", "502,RETRY", "503,RETRY", "504,RETRY", "402,RETRY"})
  void classify_followsOtlpAndBetterStackRules(int status, SendResult.Outcome expected) {
    assertThat(HttpSupport.classify(status, null, "").outcome()).isEqualTo(expected);
  }

  @Test
  void retryAfter_secondsDateMalformedAndHostile() {
    assertThat(HttpSupport.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(HttpSupport.parseRetryAfter("999999999")).isEqualTo(HttpSupport.MAX_RETRY_AFTER);
    assertThat(HttpSupport.parseRetryAfter("-5")).isEqualTo(Duration.ZERO);
    assertThat(HttpSupport.parseRetryAfter("soon")).isNull();
    assertThat(HttpSupport.parseRetryAfter("")).isNull();
    String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    assertThat(HttpSupport.parseRetryAfter(in30s)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));
  }

  @Test
  void retryAfter_httpDate_isMeasuredFromTheClock() {
    java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T06:00:00Z"),
        ZoneOffset.UTC);
    // RFC 9110's IMF-fixdate; 22 Nov 2026 is a Sunday.
    assertThat(HttpSupport.parseRetryAfter("Sun, 22 Nov 2026 06:00:30 GMT", clock))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpSupport.parseRetryAfter("Sun, 22 Nov 2026 05:59:00 GMT", clock))
        .as("a date in the past means now").isEqualTo(Duration.ZERO);
    assertThat(HttpSupport.parseRetryAfter("Mon, 23 Nov 2026 06:00:00 GMT", clock))
        .as("capped").isEqualTo(HttpSupport.MAX_RETRY_AFTER);
  }

  @Test
  void reason_includesStatusAndBodySnippet() {
    SendResult r = HttpSupport.classify(406, null, "Couldn't parse JSON content.");
    assertThat(r.reason()).isEqualTo("HTTP 406: Couldn't parse JSON content.");
    assertThat(r.status()).isEqualTo(406);
  }
}
