package dev.obskit.uptime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.TlsSpec;
import dev.obskit.uptime.testing.LocalServer;
import dev.obskit.uptime.testing.TestCerts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCheckerTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static LocalServer tlsServer(TestCerts certs) throws Exception {
    return LocalServer.start(certs.serverContext().getServerSocketFactory(), (s, in, out) -> {
      ((SSLSocket) s).startHandshake();
      in.readLine();
    });
  }

  private CheckResult check(ManualClock clock, TestCerts trust, TlsSpec spec) throws Exception {
    Monitor m = Monitor.builder(MonitorId.of("tls"), TeamId.of("t"), spec)
        .setFrequency(Duration.ofMinutes(5)).setTimeout(Duration.ofSeconds(3)).build();
    TlsChecker c = trust == null ? new TlsChecker(clock, pool)
        : new TlsChecker(clock, pool, trust.trustManager());
    return c.check(m).get(10, TimeUnit.SECONDS);
  }

  @Test
  void check_trustedValidCertificate_isUpWithExpiry() throws Exception {
    TestCerts certs = TestCerts.generate(dir, null, 10, "dns:localhost,ip:127.0.0.1");
    ManualClock clock = ManualClock.startingAt(Instant.now());
    try (LocalServer server = tlsServer(certs)) {
      CheckResult r = check(clock, certs, TlsSpec.of("localhost", server.port()));
      assertThat(r.isUp()).as(r.failureCause()).isTrue();
      assertThat(r.certificateNotAfter()).contains(certs.certificate().getNotAfter().toInstant());
      assertThat(r.timings().tlsNanos()).isPositive();
    }
  }

  @Test
  void check_clockPastExpiry_isDownExpired() throws Exception {
    TestCerts certs = TestCerts.generate(dir, null, 10, "dns:localhost");
    ManualClock clock = ManualClock.startingAt(Instant.now().plus(Duration.ofDays(11)));
    try (LocalServer server = tlsServer(certs)) {
      CheckResult r = check(clock, certs, TlsSpec.of("localhost", server.port()));
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).startsWith("TLS certificate expired at");
    }
  }

  @Test
  void check_selfSignedWithDefaultTrust_isDownNotTrusted() throws Exception {
    TestCerts certs = TestCerts.generate(dir, null, 10, "dns:localhost");
    try (LocalServer server = tlsServer(certs)) {
      CheckResult r = check(ManualClock.startingAt(Instant.now()), null,
          TlsSpec.of("localhost", server.port()));
      assertThat(r.failureCause()).contains("not trusted");
      CheckResult lenient = check(ManualClock.startingAt(Instant.now()), null,
          new TlsSpec("localhost", server.port(), "localhost", false));
      assertThat(lenient.isUp()).isTrue();
    }
  }

  @Test
  void check_certificateForAnotherName_isDownHostnameInvalid() throws Exception {
    TestCerts certs = TestCerts.generate(dir, null, 10, "dns:other.example.test");
    try (LocalServer server = tlsServer(certs)) {
      CheckResult r = check(ManualClock.startingAt(Instant.now()), certs,
          TlsSpec.of("localhost", server.port()));
      assertThat(r.failureCause()).isEqualTo("TLS certificate is not valid for host localhost");
    }
  }

  @Test
  void hostnameMatcher_wildcardsCoverOneLabelOnly() {
    assertThat(HostnameMatcher.dnsMatches("*.example.com", "api.example.com")).isTrue();
    assertThat(HostnameMatcher.dnsMatches("*.example.com", "a.b.example.com")).isFalse();
    assertThat(HostnameMatcher.dnsMatches("*.example.com", "example.com")).isFalse();
    assertThat(HostnameMatcher.dnsMatches("*.com", "example.com")).isFalse();
    assertThat(HostnameMatcher.dnsMatches("Example.COM.", "example.com")).isFalse();
  }
}
