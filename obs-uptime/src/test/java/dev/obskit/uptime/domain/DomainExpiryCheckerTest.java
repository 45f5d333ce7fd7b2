package dev.obskit.uptime.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.DomainSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.testing.LocalServer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WHOIS against a real local TCP server answering with a realistic Verisign-style record. */
class DomainExpiryCheckerTest {
  static final String RECORD = """
         Domain Name: EXAMPLE.COM\r
         Registry Domain ID: 2336799_DOMAIN_COM-VRSN\r
         Registrar WHOIS Server: whois.iana.org\r
         Registrar URL: http://res-dom.iana.org\r
         Updated Date: 2025-08-14T07:01:39Z\r
         Creation Date: 1995-08-14T04:00:00Z\r
         Registry Expiry Date: 2026-08-13T04:00:00Z\r
         Registrar: RESERVED-Internet Assigned Numbers Authority\r
         Registrar IANA ID: 376\r
         Domain Status: clientDeleteProhibited https://icann.org/epp#clientDeleteProhibited\r
         Name Server: A.IANA-SERVERS.NET\r
         DNSSEC: signedDelegation\r
      >>> Last update of whois database: 2026-03-01T09:58:11Z <<<\r
      """;

  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private CheckResult check(LocalServer server, String domain) throws Exception {
    Monitor m = Monitor.builder(MonitorId.of("dom"), TeamId.of("t"),
            new DomainSpec(domain, "127.0.0.1", server.port()))
        .setFrequency(Duration.ofHours(12)).setTimeout(Duration.ofSeconds(2)).build();
    return new DomainExpiryChecker(clock, pool).check(m).get(10, TimeUnit.SECONDS);
  }

  private static LocalServer whois(String answer) throws Exception {
    return LocalServer.start((s, in, out) -> {
      in.readLine();
      LocalServer.write(out, answer);
    });
  }

  @Test
  void check_registeredDomain_isUpWithExpiry() throws Exception {
    try (LocalServer server = whois(RECORD)) {
      CheckResult r = check(server, "example.com");
      assertThat(r.isUp()).isTrue();
      assertThat(r.domainExpiresAt()).contains(Instant.parse("2026-08-13T04:00:00Z"));
    }
  }

  @Test
  void check_expiredDomain_isDown() throws Exception {
    clock.setInstant(Instant.parse("2026-09-01T00:00:00Z"));
    try (LocalServer server = whois(RECORD)) {
      CheckResult r = check(server, "example.com");
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).startsWith("domain example.com expired at 2026-08-13T04:00:00Z");
    }
  }

  @Test
  void check_noMatch_isDownNotRegistered() throws Exception {
    try (LocalServer server = whois("No match for \"NOPE-OBSKIT.COM\".\r\n")) {
      assertThat(check(server, "nope-obskit.com").failureCause()).contains("is not registered");
    }
  }

  @Test
  void check_garbageOrOversizedAnswer_isDownWithoutExhaustingMemory() throws Exception {
    String huge = "x".repeat(200_000) + "\r\nRegistry Expiry Date: 2030-01-01T00:00:00Z\r\n";
    try (LocalServer server = whois(huge)) {
      CheckResult r = check(server, "example.com");
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).startsWith("no expiry date found");
    }
  }

  @Test
  void parser_understandsCommonFormats() {
    assertThat(WhoisExpiryParser.parse("paid-till:     2027-03-04T21:00:00Z"))
        .contains(Instant.parse("2027-03-04T21:00:00Z"));
    assertThat(WhoisExpiryParser.parse("Expiry date:  14-Sep-2028"))
        .contains(Instant.parse("2028-09-14T00:00:00Z"));
    assertThat(WhoisExpiryParser.parse("Registrar Registration Expiration Date: 2028-09-14T04:00:00.0Z"))
        .contains(Instant.parse("2028-09-14T04:00:00Z"));
    assertThat(WhoisExpiryParser.parse("expires: 2029.01.02"))
        .contains(Instant.parse("2029-01-02T00:00:00Z"));
    assertThat(WhoisExpiryParser.parse("Expiration Date: soon")).isEmpty();
  }
}
