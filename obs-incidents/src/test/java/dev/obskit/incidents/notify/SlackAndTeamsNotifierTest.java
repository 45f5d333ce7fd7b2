package dev.obskit.incidents.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Recipient;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackAndTeamsNotifierTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void slack_postsExactBlockKitJson() throws Exception {
    server.enqueue(new MockResponse().setBody("ok"));
    Notification n = Notifications.sample(ChannelKind.SLACK, server.url("/services/T1/B2/x").toString());
    DeliveryResult result = new SlackWebhookNotifier().send(n);
    assertThat(result.isDelivered()).isTrue();
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getPath()).isEqualTo("/services/T1/B2/x");
    assertThat(req.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(req.getBody().readUtf8()).isEqualTo("{\"text\":\"[SEV1] Checkout: HTTP 503 on /pay\","
        + "\"blocks\":["
        + "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"[SEV1] Checkout: HTTP 503 on /pay\"}},"
        + "{\"type\":\"section\",\"fields\":["
        + "{\"type\":\"mrkdwn\",\"text\":\"*Service*\\nCheckout\"},"
        + "{\"type\":\"mrkdwn\",\"text\":\"*Severity*\\nSEV1\"}]},"
        + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"HTTP 503 on /pay\"}},"
        + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":"
        + "\"<https://obs.example/i/team-a/inc-7|Incident inc-7> | <https://runbooks.example/checkout|Runbook>\"}]},"
        + "{\"type\":\"actions\",\"elements\":["
        + "{\"type\":\"button\",\"action_id\":\"acknowledge\",\"text\":{\"type\":\"plain_text\",\"text\":\"Acknowledge\"},"
        + "\"url\":\"https://obs.example/i/team-a/inc-7/acknowledge?token=t1\",\"value\":\"team-a/inc-7\",\"style\":\"primary\"},"
        + "{\"type\":\"button\",\"action_id\":\"resolve\",\"text\":{\"type\":\"plain_text\",\"text\":\"Resolve\"},"
        + "\"url\":\"https://obs.example/i/team-a/inc-7/resolve?token=t2\",\"value\":\"team-a/inc-7\",\"style\":\"danger\"}]}]}");
  }

  @Test
  void slack_escapesMrkdwnAndCutsLongHeaders() {
    Notification n = Notification.builder("n", TeamId.of("t"),
            new Recipient(ChannelKind.SLACK, "https://hooks.example/x", "#ops"))
        .setTitle("x".repeat(300)).setBody("a <b> & c").build();
    String json = SlackWebhookNotifier.render(n);
    assertThat(json).contains("\"text\":\"a &lt;b&gt; &amp; c\"");
    assertThat(json).contains("\"text\":\"" + "x".repeat(149) + "…\"");
  }

  @Test
  void teams_postsExactAdaptiveCardJson() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));
    Notification n = Notifications.sample(ChannelKind.MS_TEAMS, server.url("/webhookb2/abc").toString());
    assertThat(new TeamsWebhookNotifier().send(n).isDelivered()).isTrue();
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req.getBody().readUtf8()).isEqualTo("{\"type\":\"message\",\"attachments\":[{"
        + "\"contentType\":\"application/vnd.microsoft.card.adaptive\",\"contentUrl\":null,\"content\":{"
        + "\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\",\"type\":\"AdaptiveCard\","
        + "\"version\":\"1.4\",\"body\":["
        + "{\"type\":\"TextBlock\",\"text\":\"[SEV1] Checkout: HTTP 503 on /pay\",\"weight\":\"Bolder\","
        + "\"size\":\"Medium\",\"color\":\"Attention\",\"wrap\":true},"
        + "{\"type\":\"TextBlock\",\"text\":\"HTTP 503 on /pay\",\"wrap\":true},"
        + "{\"type\":\"FactSet\",\"facts\":[{\"title\":\"Service\",\"value\":\"Checkout\"},"
        + "{\"title\":\"Severity\",\"value\":\"SEV1\"}]}],"
        + "\"actions\":["
        + "{\"type\":\"Action.OpenUrl\",\"title\":\"Acknowledge\",\"url\":\"https://obs.example/i/team-a/inc-7/acknowledge?token=t1\"},"
        + "{\"type\":\"Action.OpenUrl\",\"title\":\"Resolve\",\"url\":\"https://obs.example/i/team-a/inc-7/resolve?token=t2\"},"
        + "{\"type\":\"Action.OpenUrl\",\"title\":\"Incident inc-7\",\"url\":\"https://obs.example/i/team-a/inc-7\"},"
        + "{\"type\":\"Action.OpenUrl\",\"title\":\"Runbook\",\"url\":\"https://runbooks.example/checkout\"}]}}]}");
  }

  @Test
  void serverErrors_areRetryable_clientErrorsPermanent_andDetailsHideTheUrl() {
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(new MockResponse().setResponseCode(429));
    server.enqueue(new MockResponse().setResponseCode(400).setBody("invalid_payload"));
    server.enqueue(new MockResponse().setResponseCode(404));
    Notification n = Notifications.sample(ChannelKind.SLACK, server.url("/services/SECRET").toString());
    SlackWebhookNotifier slack = new SlackWebhookNotifier();
    assertThat(slack.send(n).status()).isEqualTo(DeliveryStatus.RETRYABLE_FAILURE);
    assertThat(slack.send(n).status()).isEqualTo(DeliveryStatus.RETRYABLE_FAILURE);
    DeliveryResult bad = slack.send(n);
    assertThat(bad.status()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
    assertThat(bad.detail()).isEqualTo("HTTP 400 from " + server.getHostName()).doesNotContain("SECRET");
    assertThat(slack.send(n).status()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
  }

  @Test
  void connectionRefused_isRetryable_andMalformedAddressPermanent() throws IOException {
    String url = server.url("/x").toString();
    server.shutdown();
    assertThat(new TeamsWebhookNotifier().send(Notifications.sample(ChannelKind.MS_TEAMS, url))
        .status()).isEqualTo(DeliveryStatus.RETRYABLE_FAILURE);
    assertThat(new TeamsWebhookNotifier().send(Notifications.sample(ChannelKind.MS_TEAMS, "not a url"))
        .status()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
  }
}
