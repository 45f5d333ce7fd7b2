package dev.obskit.uptime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.CheckStatus;
import dev.obskit.uptime.check.HttpSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.testing.TestCerts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpCheckerTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private final MockWebServer server = new MockWebServer();
  private final HttpChecker checker = HttpChecker.create(clock);
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private CheckResult check(HttpSpec spec) {
    return check(checker, spec, Duration.ofSeconds(5));
  }

  private static CheckResult check(HttpChecker c, HttpSpec spec, Duration timeout) {
    Monitor m = Monitor.builder(MonitorId.of("web"), TeamId.of("t"), spec)
        .setFrequency(Duration.ofSeconds(30)).setTimeout(timeout).build();
    return c.check(m).orTimeout(30, TimeUnit.SECONDS).join();
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  @Test
  void check_200WithKeyword_isUpWithTimings() {
    server.enqueue(new MockResponse().setBody("status: all good"));
    CheckResult r = check(HttpSpec.builder(url("/health")).setRequiredKeyword("all good").build());
    assertThat(r.status()).isEqualTo(CheckStatus.UP);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.timings().totalNanos()).isPositive();
    assertThat(r.timings().connectNanos()).isNotEqualTo(Timings.NOT_MEASURED);
    assertThat(r.timings().firstByteNanos()).isNotEqualTo(Timings.NOT_MEASURED);
    assertThat(r.timings().tlsNanos()).isEqualTo(Timings.NOT_MEASURED);
    assertThat(r.startedAt()).isEqualTo(clock.instant());
  }

  @Test
  void check_503_isDownNamingTheStatus() {
    server.enqueue(new MockResponse().setResponseCode(503).setBody("maintenance"));
    CheckResult r = check(HttpSpec.get(url("/")));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).isEqualTo("HTTP 503 (expected 2xx)");
    assertThat(r.statusCode()).isEqualTo(503);
  }

  @Test
  void check_expectedStatusCodes_replace2xx() {
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(new MockResponse().setResponseCode(200));
    HttpSpec spec = HttpSpec.builder(url("/gone")).addExpectedStatus(404).build();
    assertThat(check(spec).isUp()).isTrue();
    assertThat(check(spec).failureCause()).isEqualTo("HTTP 200 (expected [404])");
  }

  @Test
  void check_keywordMissingOrForbiddenKeywordPresent_isDown() {
    server.enqueue(new MockResponse().setBody("<html>welcome</html>"));
    server.enqueue(new MockResponse().setBody("<html>Fatal error</html>"));
    assertThat(check(HttpSpec.builder(url("/")).setRequiredKeyword("dashboard").build())
        .failureCause()).isEqualTo("keyword 'dashboard' not found in response body");
    assertThat(check(HttpSpec.builder(url("/")).setAbsentKeyword("Fatal error").build())
        .failureCause()).contains("'Fatal error' found in response body");
  }

  @Test
  void check_redirect_followedByDefault_judgedAsIsOtherwise() {
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/final"));
    server.enqueue(new MockResponse().setBody("final page"));
    CheckResult followed = check(HttpSpec.builder(url("/start")).setRequiredKeyword("final")
        .build());
    assertThat(followed.isUp()).isTrue();
    assertThat(followed.details().get("finalUrl")).endsWith("/final");

    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/final"));
    CheckResult notFollowed = check(HttpSpec.builder(url("/start")).setFollowRedirects(false)
        .build());
    assertThat(notFollowed.failureCause()).isEqualTo("HTTP 302 (expected 2xx)");
  }

  @Test
  void check_slowServer_timesOutWithinTheMonitorTimeout() {
    server.enqueue(new MockResponse().setHeadersDelay(3, TimeUnit.SECONDS).setBody("late"));
    CheckResult r = check(checker, HttpSpec.get(url("/slow")), Duration.ofMillis(300));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).isEqualTo("timed out after 300 ms");
  }

  @Test
  void check_postSendsMethodHeadersAndBody() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(201));
    HttpSpec spec = HttpSpec.builder(url("/api")).setMethod("post").setBody("{\"ping\":1}")
        .putHeader("X-Probe", "obskit").build();
    assertThat(check(spec).isUp()).isTrue();
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getHeader("X-Probe")).isEqualTo("obskit");
    assertThat(req.getBody().readUtf8()).isEqualTo("{\"ping\":1}");
  }

  @Test
  void check_connectionRefused_isDown() throws Exception {
    String dead = url("/");
    server.shutdown();
    CheckResult r = check(HttpSpec.get(dead));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).startsWith("connection refused");
  }

  @Test
  void check_selfSignedCertificate_isDownWhenVerifying_upWhenNot() throws Exception {
    TestCerts certs = TestCerts.generate(dir, null, 20, "dns:localhost,ip:127.0.0.1");
    server.useHttps(certs.serverContext().getSocketFactory(), false);
    server.enqueue(new MockResponse().setBody("secure"));
    server.enqueue(new MockResponse().setBody("secure"));
    CheckResult verified = check(HttpSpec.get(url("/")));
    assertThat(verified.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(verified.failureCause()).contains("not trusted");

    CheckResult lenient = check(HttpSpec.builder(url("/")).setVerifyTls(false).build());
    assertThat(lenient.isUp()).isTrue();
    assertThat(lenient.timings().tlsNanos()).isNotEqualTo(Timings.NOT_MEASURED);
    assertThat(lenient.statusCode()).isEqualTo(200);
  }

  @Test
  void check_expiredCertificateFromTrustedIssuer_isDownSayingExpired() throws Exception {
    TestCerts certs = TestCerts.generate(dir, "-400d", 30, "dns:localhost,ip:127.0.0.1");
    server.useHttps(certs.serverContext().getSocketFactory(), false);
    server.enqueue(new MockResponse().setBody("old"));
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, new javax.net.ssl.TrustManager[] {certs.trustManager()}, null);
    OkHttpClient base = HttpChecker.defaultClient(4).newBuilder()
        .sslSocketFactory(client.getSocketFactory(), certs.trustManager()).build();
    CheckResult r = check(new HttpChecker(clock, base), HttpSpec.get(url("/")),
        Duration.ofSeconds(5));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).startsWith("TLS certificate expired");
    assertThat(r.certificateNotAfter()).contains(certs.certificate().getNotAfter().toInstant());
  }

  @Test
  void spec_rejectsHostileInput() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpSpec.get("ftp://x/"))
        .hasMessageContaining("must be http or https");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpSpec.builder("http://x/")
        .putHeader("X-A", "v\r\nInjected: 1")).hasMessageContaining("line break");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpSpec.get("http://x/" + "a".repeat(3000)))
        .hasMessageContaining("at most 2048");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpSpec.builder("http://x/")
        .setMethod("TRACE")).hasMessageContaining("TRACE");
    assertThat(HttpSpec.get("https://user:secret@example.com/x").toString())
        .doesNotContain("secret");
  }
}
