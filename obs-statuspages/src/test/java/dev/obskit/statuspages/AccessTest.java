package dev.obskit.statuspages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.http.HttpResponse;
import dev.obskit.statuspages.access.AccessDecision;
import dev.obskit.statuspages.access.PasswordHash;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Password, session cookie, login rate limit, IP allowlist and access gates, over the router. */
class AccessTest {
  private static final String NOW = "2026-03-10T12:00:00Z";
  private static final String PASSWORD = "correct horse battery";

  private static Fixture passwordPage() {
    return new Fixture(NOW, c -> c.setSessionTtl(Duration.ofHours(1))
        .setLoginRateLimit(3, Duration.ofMinutes(10)),
        p -> p.setAccess(AccessPolicy.open().withPassword(
            PasswordHash.create(PASSWORD.toCharArray(), 2_000))));
  }

  private static HttpResponse login(Requests r, String password, String peer) {
    return r.postForm("/status/acme/login", peer, "password="
        + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String cookieOf(HttpResponse r) {
    String set = r.header("Set-Cookie").orElseThrow();
    return set.substring(0, set.indexOf(';'));
  }

  @Test
  void passwordPage_redirectsToLogin_wrongPasswordRefused_rightOneSetsAHardenedCookie() {
    try (Fixture f = passwordPage()) {
      Requests r = new Requests(f.kit);
      HttpResponse page = r.get("/status/acme");
      assertThat(page.status()).isEqualTo(303);
      assertThat(page.header("Location")).contains("/status/acme/login");
      assertThat(r.get("/status/acme/api/v2/summary.json").status()).isEqualTo(401);
      HttpResponse wrong = login(r, "hunter2hunter2", "203.0.113.7");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.header("Set-Cookie")).isEmpty();
      assertThat(wrong.bodyText()).contains("Wrong password.").doesNotContain("hunter2");
      HttpResponse ok = login(r, PASSWORD, "203.0.113.7");
      assertThat(ok.status()).isEqualTo(303);
      String set = ok.header("Set-Cookie").orElseThrow();
      assertThat(set).contains("; HttpOnly").contains("; Secure").contains("; SameSite=Lax")
          .contains("; Path=/status/acme").contains("; Max-Age=3600").doesNotContain(PASSWORD);
      assertThat(r.get("/status/acme", "Cookie", cookieOf(ok)).status()).isEqualTo(200);
      assertThat(r.get("/status/acme/feed.rss", "Cookie", cookieOf(ok)).status()).isEqualTo(200);
    }
  }

  @Test
  void expiredCookie_isRefused() {
    try (Fixture f = passwordPage()) {
      Requests r = new Requests(f.kit);
      String cookie = cookieOf(login(r, PASSWORD, "203.0.113.7"));
      f.clock.advance(Duration.ofMinutes(59));
      assertThat(r.get("/status/acme", "Cookie", cookie).status()).isEqualTo(200);
      f.clock.advance(Duration.ofMinutes(1));
      assertThat(r.get("/status/acme", "Cookie", cookie).status()).isEqualTo(303);
    }
  }

  @Test
  void forgedCookies_areRefused() {
    try (Fixture f = passwordPage()) {
      Requests r = new Requests(f.kit);
      String cookie = cookieOf(login(r, PASSWORD, "203.0.113.7"));
      String name = cookie.substring(0, cookie.indexOf('=') + 1);
      String value = cookie.substring(name.length());
      String payload = value.substring(0, value.indexOf('.'));
      String sig = value.substring(value.indexOf('.') + 1);
      java.util.Base64.Encoder b = java.util.Base64.getUrlEncoder().withoutPadding();
      String later = b.encodeToString("acme|9999999999".getBytes());
      for (String forged : new String[] {
          name + later + "." + sig,                                   // extended expiry
          name + payload + "." + b.encodeToString(new byte[32]),      // wrong signature
          name + payload,                                             // no signature
          name + "%%%.###",                                           // garbage
          name + "x".repeat(5000)}) {                                 // oversized
        assertThat(r.get("/status/acme", "Cookie", forged).status()).as(forged).isEqualTo(303);
      }
      // a password change ends existing sessions
      f.pages.updatePage(Fixture.PAGE, p -> p.setAccess(AccessPolicy.open().withPassword(
          PasswordHash.create("another password".toCharArray(), 2_000))));
      assertThat(r.get("/status/acme", "Cookie", cookie).status()).isEqualTo(303);
    }
  }

  @Test
  void logins_areRateLimitedPerClient_evenWithTheRightPassword() {
    try (Fixture f = passwordPage()) {
      Requests r = new Requests(f.kit);
      for (int i = 0; i < 3; i++) {
        assertThat(login(r, "wrong password " + i, "203.0.113.7").status()).isEqualTo(401);
      }
      HttpResponse limited = login(r, PASSWORD, "203.0.113.7");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).contains("600");
      assertThat(limited.header("Set-Cookie")).isEmpty();
      assertThat(login(r, PASSWORD, "198.51.100.9").status()).isEqualTo(303);
      f.clock.advance(Duration.ofMinutes(10));
      assertThat(login(r, PASSWORD, "203.0.113.7").status()).isEqualTo(303);
    }
  }

  @Test
  void ipAllowlist_v4AndV6Ranges() {
    try (Fixture f = new Fixture(NOW, c -> c, p -> p.setAccess(AccessPolicy.open()
        .withAllowlist("10.0.0.0/8", "2001:db8::/32")))) {
      Requests r = new Requests(f.kit);
      assertThat(r.getFrom("10.200.3.4", "/status/acme").status()).isEqualTo(200);
      assertThat(r.getFrom("11.0.0.1", "/status/acme").status()).isEqualTo(403);
      assertThat(r.getFrom("2001:db8:1::5", "/status/acme").status()).isEqualTo(200);
      assertThat(r.getFrom("2001:db9::5", "/status/acme").status()).isEqualTo(403);
      assertThat(r.getFrom("11.0.0.1", "/status/acme/api/v2/summary.json").status()).isEqualTo(403);
      assertThat(r.getFrom("11.0.0.1", "/status/acme/badge.svg").status()).isEqualTo(403);
    }
  }

  @Test
  void spoofedForwardedFor_withoutTrustedProxy_isIgnored() {
    try (Fixture f = new Fixture(NOW, c -> c, p -> p.setAccess(AccessPolicy.open()
        .withAllowlist("10.0.0.0/8")))) {
      assertThat(new Requests(f.kit).getFrom("203.0.113.7", "/status/acme",
          "X-Forwarded-For", "10.1.2.3").status()).isEqualTo(403);
    }
  }

  @Test
  void forwardedFor_fromATrustedProxy_isBelieved() {
    System.setProperty("obs.http.trusted-proxies", "192.0.2.1");
    try (Fixture f = new Fixture(NOW, c -> c, p -> p.setAccess(AccessPolicy.open()
        .withAllowlist("10.0.0.0/8")))) {
      Requests r = new Requests(f.kit);
      assertThat(r.getFrom("192.0.2.1", "/status/acme", "X-Forwarded-For", "10.1.2.3").status())
          .isEqualTo(200);
      assertThat(r.getFrom("192.0.2.1", "/status/acme", "X-Forwarded-For", "11.1.2.3").status())
          .isEqualTo(403);
    } finally {
      System.clearProperty("obs.http.trusted-proxies");
    }
  }

  @Test
  void accessGate_allowSkipsThePassword_redirectAndFailuresAreHonoured() {
    AtomicReference<AccessDecision> answer = new AtomicReference<>(AccessDecision.abstain());
    try (Fixture f = new Fixture(NOW, c -> c.addAccessGate((page, visitor) -> {
      if (answer.get() == null) {
        throw new IllegalStateException("idp down");
      }
      return visitor.cookies().containsKey("sso") ? answer.get() : AccessDecision.abstain();
    }), p -> p.setAccess(AccessPolicy.open().withSsoRequired(true)))) {
      Requests r = new Requests(f.kit);
      assertThat(r.get("/status/acme").status()).isEqualTo(403);
      answer.set(AccessDecision.allow());
      assertThat(r.get("/status/acme", "Cookie", "sso=1").status()).isEqualTo(200);
      answer.set(AccessDecision.redirect("https://idp.example/authorize"));
      HttpResponse redirect = r.get("/status/acme", "Cookie", "sso=1");
      assertThat(redirect.status()).isEqualTo(303);
      assertThat(redirect.header("Location")).contains("https://idp.example/authorize");
      answer.set(null);
      assertThat(r.get("/status/acme", "Cookie", "sso=1").status()).isEqualTo(403);
    }
  }

  @Test
  void passwordHash_neverShowsTheSecret_andRoundTrips() {
    PasswordHash h = PasswordHash.create(PASSWORD.toCharArray(), 2_000);
    assertThat(h.toString()).doesNotContain(PASSWORD).doesNotContain(h.encoded().split("\\$")[3]);
    PasswordHash back = PasswordHash.parse(h.encoded());
    assertThat(back.matches(PASSWORD.toCharArray())).isTrue();
    assertThat(back.matches("correct horse battery!".toCharArray())).isFalse();
    assertThat(h.encoded()).doesNotContain(PASSWORD);
  }
}
