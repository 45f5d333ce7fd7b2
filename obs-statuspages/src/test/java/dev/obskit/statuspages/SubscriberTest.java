package dev.obskit.statuspages;

import static dev.obskit.statuspages.Fixture.API;
import static dev.obskit.statuspages.Fixture.CDN;
import static dev.obskit.statuspages.Fixture.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Link;
import dev.obskit.core.notify.Notification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** Double opt-in, expiry, unsubscribe, quota and privacy of subscribers. */
class SubscriberTest {
  private static final String NOW = "2026-03-10T12:00:00Z";
  private static final Pattern TOKEN = Pattern.compile("confirm\\?token=([A-Za-z0-9_-]+)");

  private static HttpResponse subscribe(Requests r, String address) {
    return r.postForm("/status/acme/subscriptions", "203.0.113.7", "channel=email&address="
        + URLEncoder.encode(address, StandardCharsets.UTF_8));
  }

  private static String token(Notification n) {
    Matcher m = TOKEN.matcher(n.body());
    assertThat(m.find()).as(n.body()).isTrue();
    return m.group(1);
  }

  private static String all(Notification n) {
    StringBuilder b = new StringBuilder(n.title()).append(n.body()).append(n.fields());
    for (Link l : n.links()) {
      b.append(l.label()).append(l.url());
    }
    return b.toString();
  }

  @Test
  void doubleOptIn_confirmLinkThenReportsArrive_withUnsubscribeLinkInEveryMessage() {
    try (Fixture f = new Fixture(NOW)) {
      Requests r = new Requests(f.kit);
      HttpResponse answer = subscribe(r, "ana@example.com");
      assertThat(answer.status()).isEqualTo(202);
      assertThat(Jsoup.parse(answer.bodyText()).select("#message").text())
          .isEqualTo("Check your messages: we sent a link to confirm the subscription.");
      assertThat(f.email.sent()).hasSize(1);
      Notification verify = f.email.sent().get(0);
      assertThat(verify.recipient().address()).isEqualTo("ana@example.com");
      assertThat(verify.body()).contains("unsubscribe?token=");
      // not confirmed yet: a report reaches nobody
      f.pages.openReport(PAGE, "Early", ReportStatus.INVESTIGATING, "x", Map.of(),
          Optional.empty(), true);
      assertThat(f.email.sent()).hasSize(1);
      HttpResponse confirmed = r.get("/status/acme/subscriptions/confirm?token=" + token(verify));
      assertThat(confirmed.status()).isEqualTo(200);
      assertThat(f.pages.subscribers(PAGE).get(0).confirmed()).isTrue();
      assertThat(f.pages.subscribers(PAGE).get(0).tokenHash()).isEmpty();
      // the link works once
      assertThat(r.get("/status/acme/subscriptions/confirm?token=" + token(verify)).status())
          .isEqualTo(404);
      StatusReport rep = f.pages.openReport(PAGE, "API errors", ReportStatus.INVESTIGATING,
          "We are looking", Map.of(API, ComponentStatus.PARTIAL_OUTAGE), Optional.empty(), true);
      f.pages.postUpdate(rep.id(), ReportStatus.RESOLVED, "Fixed", Map.of());
      assertThat(f.email.sent()).hasSize(3);
      for (Notification n : f.email.sent().subList(1, 3)) {
        assertThat(n.body()).contains("/status/acme/subscriptions/unsubscribe?token=");
        assertThat(n.links()).extracting(Link::label).contains("Unsubscribe");
      }
      assertThat(f.email.sent().get(2).title()).isEqualTo("[Acme status] API errors - Resolved");
    }
  }

  @Test
  void expiredToken_isRefused_andAskingAgainSendsAFreshOne() {
    try (Fixture f = new Fixture(NOW, c -> c.setVerificationTtl(Duration.ofHours(24)), p -> p)) {
      Requests r = new Requests(f.kit);
      subscribe(r, "ana@example.com");
      String old = token(f.email.sent().get(0));
      f.clock.advance(Duration.ofHours(24));
      assertThat(r.get("/status/acme/subscriptions/confirm?token=" + old).status()).isEqualTo(410);
      assertThat(f.pages.subscribers(PAGE).get(0).confirmed()).isFalse();
      subscribe(r, "ana@example.com");
      assertThat(f.pages.subscribers(PAGE)).hasSize(1);
      String fresh = token(f.email.sent().get(1));
      assertThat(r.get("/status/acme/subscriptions/confirm?token=" + old).status()).isEqualTo(404);
      assertThat(r.get("/status/acme/subscriptions/confirm?token=" + fresh).status())
          .isEqualTo(200);
    }
  }

  @Test
  void unsubscribe_getShowsAButton_postRemoves_forgedTokenRefused() {
    try (Fixture f = new Fixture(NOW)) {
      Requests r = new Requests(f.kit);
      subscribe(r, "ana@example.com");
      Matcher m = Pattern.compile("unsubscribe\\?token=([A-Za-z0-9._:@-]+)")
          .matcher(f.email.sent().get(0).body());
      assertThat(m.find()).isTrue();
      String token = m.group(1);
      HttpResponse form = r.get("/status/acme/subscriptions/unsubscribe?token=" + token);
      assertThat(form.status()).isEqualTo(200);
      assertThat(Jsoup.parse(form.bodyText()).select("form input[name=token]").val())
          .isEqualTo(token);
      assertThat(f.pages.subscribers(PAGE)).hasSize(1);
      String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAA";
      assertThat(r.postForm("/status/acme/subscriptions/unsubscribe", "203.0.113.7",
          "token=" + forged).status()).isEqualTo(404);
      assertThat(f.pages.subscribers(PAGE)).hasSize(1);
      assertThat(r.postForm("/status/acme/subscriptions/unsubscribe", "203.0.113.7",
          "token=" + token).status()).isEqualTo(200);
      assertThat(f.pages.subscribers(PAGE)).isEmpty();
    }
  }

  @Test
  void quotaExceeded_answersClearly() {
    try (Fixture f = new Fixture(NOW, c -> c, p -> p.setSubscriberLimit(2))) {
      Requests r = new Requests(f.kit);
      assertThat(subscribe(r, "a@example.com").status()).isEqualTo(202);
      assertThat(subscribe(r, "b@example.com").status()).isEqualTo(202);
      HttpResponse full = subscribe(r, "c@example.com");
      assertThat(full.status()).isEqualTo(409);
      assertThat(Jsoup.parse(full.bodyText()).select("#message").text()).isEqualTo(
          "This page has reached its limit of 2 subscribers; no new subscriptions are accepted"
              + " until its owner raises the limit.");
      HttpResponse json = r.postForm("/status/acme/subscriptions", "203.0.113.7",
          "channel=email&address=d%40example.com", "Accept", "application/json");
      assertThat(json.bodyText()).startsWith("{\"result\":\"quota_exceeded\"");
      assertThat(f.email.sent()).hasSize(2);
      assertThat(f.pages.subscribers(PAGE)).hasSize(2);
    }
    try (Fixture f = new Fixture(NOW)) {
      assertThat(f.pages.page(PAGE).orElseThrow().subscriberLimit()).isEqualTo(1_000);
    }
  }

  @Test
  void invalidOrHostileInput_isRefusedWithoutSending() {
    try (Fixture f = new Fixture(NOW)) {
      Requests r = new Requests(f.kit);
      for (String bad : new String[] {"", "not-an-address", "<script>@x.com", "a@b",
          "x".repeat(300) + "@example.com"}) {
        assertThat(subscribe(r, bad).status()).as(bad).isEqualTo(422);
      }
      assertThat(r.postForm("/status/acme/subscriptions", "203.0.113.7",
          "channel=pigeon&address=a%40example.com").status()).isEqualTo(422);
      assertThat(r.postForm("/status/acme/subscriptions", "203.0.113.7",
          "channel=email&address=a%40example.com&resource=nope").status()).isEqualTo(422);
      assertThat(r.postForm("/status/acme/subscriptions", "203.0.113.7",
          "channel=email&address=%zz").status()).isEqualTo(400);
      assertThat(r.postForm("/status/acme/subscriptions", "203.0.113.7",
          "address=" + "a".repeat(9000)).status()).isEqualTo(413);
      assertThat(f.email.sent()).isEmpty();
    }
  }

  @Test
  void anAddress_neverAppearsOnThePageOrInAnotherSubscribersMessage() {
    try (Fixture f = new Fixture(NOW)) {
      f.pages.subscribe(PAGE, ChannelKind.EMAIL, "ana@example.com", Set.of(), true, true);
      f.pages.subscribe(PAGE, ChannelKind.SMS, "+33612345678", Set.of(CDN), true, true);
      Requests r = new Requests(f.kit);
      for (Notification n : f.email.sent()) {
        r.get("/status/acme/subscriptions/confirm?token=" + token(n));
      }
      for (Notification n : f.sms.sent()) {
        r.get("/status/acme/subscriptions/confirm?token=" + token(n));
      }
      f.pages.openReport(PAGE, "CDN trouble", ReportStatus.INVESTIGATING, "x",
          Map.of(CDN, ComponentStatus.DEGRADED), Optional.empty(), true);
      f.pages.openReport(PAGE, "API trouble", ReportStatus.INVESTIGATING, "y",
          Map.of(API, ComponentStatus.DEGRADED), Optional.empty(), true);
      // ana: both reports; the SMS subscriber follows CDN only
      assertThat(f.email.sent()).hasSize(3);
      assertThat(f.sms.sent()).hasSize(2);
      f.email.sent().forEach(n -> assertThat(all(n)).doesNotContain("+33612345678"));
      f.sms.sent().forEach(n -> assertThat(all(n)).doesNotContain("ana@example.com"));
      f.email.sent().forEach(n -> assertThat(n.recipient().toString()).doesNotContain("ana@"));
      String html = r.get("/status/acme").bodyText();
      assertThat(html).doesNotContain("ana@example.com").doesNotContain("+33612345678");
      assertThat(r.get("/status/acme/api/v2/summary.json").bodyText())
          .doesNotContain("ana@example.com");
      assertThat(f.pages.subscribers(PAGE).get(0).toString()).doesNotContain("ana@");
    }
  }
}
