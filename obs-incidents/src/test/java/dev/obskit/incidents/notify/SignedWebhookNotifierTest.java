package dev.obskit.incidents.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.notify.WebhookSignature.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class SignedWebhookNotifierTest {
  private static final byte[] SECRET = "whsec_0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  /** Independent HMAC: written here from the documented scheme, not taken from the code. */
  private static String hmacHex(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(data.getBytes(StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  @Test
  void posts_exactJson_withSignatureHeaders_verifiedIndependently() throws Exception {
    ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(204));
      Notification n = Notifications.sample(ChannelKind.WEBHOOK, server.url("/hook").toString());
      assertThat(new SignedWebhookNotifier(SECRET, clock).send(n).isDelivered()).isTrue();
      RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
      String body = req.getBody().readUtf8();
      assertThat(body).isEqualTo("{\"id\":\"inc-7-p1-1\",\"team\":\"team-a\",\"subject\":\"inc-7\","
          + "\"title\":\"[SEV1] Checkout: HTTP 503 on /pay\",\"body\":\"HTTP 503 on /pay\","
          + "\"severity\":\"CRITICAL\",\"urgency\":\"HIGH\",\"recipient\":\"Alice\","
          + "\"fields\":{\"Service\":\"Checkout\",\"Severity\":\"SEV1\"},"
          + "\"links\":[{\"label\":\"Incident inc-7\",\"url\":\"https://obs.example/i/team-a/inc-7\"},"
          + "{\"label\":\"Runbook\",\"url\":\"https://runbooks.example/checkout\"}],"
          + "\"actions\":{\"acknowledge\":\"https://obs.example/i/team-a/inc-7/acknowledge?token=t1\","
          + "\"resolve\":\"https://obs.example/i/team-a/inc-7/resolve?token=t2\"},"
          + "\"sentAt\":1772442000}");
      assertThat(req.getHeader("X-ObsKit-Timestamp")).isEqualTo("1772442000");
      assertThat(req.getHeader("X-ObsKit-Delivery")).isEqualTo("inc-7-p1-1");
      assertThat(req.getHeader("X-ObsKit-Signature"))
          .isEqualTo("v1=" + hmacHex(SECRET, "1772442000." + body));
    }
  }

  @Test
  void retryAfter500_isResigned_andNoRetryAfter400() throws Exception {
    ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
    try (MockWebServer server = new MockWebServer();
        NotificationDispatcher d = NotificationDispatcher.builder(clock)
            .setRetryPolicy(new RetryPolicy(3, Duration.ofMillis(5), 1.0, Duration.ofMillis(5)))
            .addNotifier(new SignedWebhookNotifier(SECRET, clock)).build()) {
      server.enqueue(new MockResponse().setResponseCode(500));
      server.enqueue(new MockResponse().setResponseCode(200));
      server.enqueue(new MockResponse().setResponseCode(400));
      server.enqueue(new MockResponse().setResponseCode(200));
      d.dispatch(Notifications.sample(ChannelKind.WEBHOOK, server.url("/a").toString()),
          DeliveryListener.NONE);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> d.pending() == 0);
      d.dispatch(Notifications.sample(ChannelKind.WEBHOOK, server.url("/b").toString()),
          DeliveryListener.NONE);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> d.pending() == 0);
      assertThat(server.getRequestCount()).isEqualTo(3);
      for (int i = 0; i < 3; i++) {
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        String body = req.getBody().readUtf8();
        assertThat(req.getHeader("X-ObsKit-Signature"))
            .isEqualTo("v1=" + hmacHex(SECRET, req.getHeader("X-ObsKit-Timestamp") + "." + body));
        assertThat(req.getPath()).isEqualTo(i < 2 ? "/a" : "/b");
      }
      assertThat(d.deliveredCount()).isEqualTo(1);
      assertThat(d.failedCount()).isEqualTo(1);
    }
  }

  @Test
  void verifier_acceptsValid_rejectsTamperedExpiredAndMalformed() throws Exception {
    WebhookSignature sig = new WebhookSignature(SECRET);
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String good = "v1=" + hmacHex(SECRET, "1000.{\"a\":1}");
    Instant now = Instant.ofEpochSecond(1000);
    Duration window = WebhookSignature.DEFAULT_TOLERANCE;
    assertThat(sig.verify("1000", good, body, now, window)).isEqualTo(Verification.VALID);
    assertThat(sig.verify("1000", "v1=00ff," + good, body, now, window)).isEqualTo(Verification.VALID);
    assertThat(sig.verify("1000", good, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), now, window))
        .isEqualTo(Verification.MISMATCH);
    assertThat(sig.verify("1000", good, body, now.plusSeconds(301), window))
        .isEqualTo(Verification.EXPIRED);
    assertThat(sig.verify("1000", good, body, now.minusSeconds(301), window))
        .isEqualTo(Verification.EXPIRED);
    assertThat(sig.verify("1000", good, body, now.plusSeconds(300), window)).isEqualTo(Verification.VALID);
    assertThat(sig.verify(null, good, body, now, window)).isEqualTo(Verification.MALFORMED);
    assertThat(sig.verify("10x0", good, body, now, window)).isEqualTo(Verification.MALFORMED);
    assertThat(sig.verify("1000", "sha256=" + good.substring(3), body, now, window))
        .isEqualTo(Verification.MALFORMED);
    assertThat(sig.verify("1000", "v1=zz", body, now, window)).isEqualTo(Verification.MALFORMED);
    assertThat(sig.verify("1000", "v1=" + "a".repeat(5000), body, now, window))
        .isEqualTo(Verification.MALFORMED);
    assertThat(sig.verify("99999999999999999999", good, body, now, window))
        .isEqualTo(Verification.MALFORMED);
    assertThat(sig.sign(1000, body)).isEqualTo(good);
  }

  @Test
  void shortSecret_isRefused() {
    assertThatThrownBy(() -> new WebhookSignature(new byte[8]))
        .hasMessage("webhook secret must be at least 16 bytes, got 8");
  }
}
