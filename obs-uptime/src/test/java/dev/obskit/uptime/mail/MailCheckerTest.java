package dev.obskit.uptime.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.MailSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.testing.LocalServer;
import dev.obskit.uptime.testing.TestCerts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Banner checks against real local listeners speaking SMTP, IMAP and POP3 greetings. */
class MailCheckerTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final List<String> received = new CopyOnWriteArrayList<>();
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private CheckResult check(MailSpec spec) throws Exception {
    Monitor m = Monitor.builder(MonitorId.of("mail"), TeamId.of("t"), spec)
        .setFrequency(Duration.ofSeconds(30)).setTimeout(Duration.ofSeconds(2)).build();
    return new MailChecker(clock, pool).check(m).get(10, TimeUnit.SECONDS);
  }

  private LocalServer smtp(String greeting) throws Exception {
    return LocalServer.start((s, in, out) -> {
      LocalServer.write(out, greeting + "\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        received.add(line);
        if (line.equalsIgnoreCase("QUIT")) {
          LocalServer.write(out, "221 2.0.0 Bye\r\n");
          return;
        }
        LocalServer.write(out, "250 OK\r\n");
      }
    });
  }

  @Test
  void smtp_220Greeting_isUpAndQuitsPolitely() throws Exception {
    try (LocalServer server = smtp("220 mail.example.test ESMTP Postfix")) {
      CheckResult r = check(MailSpec.plain(MailSpec.Protocol.SMTP, "127.0.0.1", server.port()));
      assertThat(r.isUp()).isTrue();
      assertThat(r.details()).containsEntry("banner", "220 mail.example.test ESMTP Postfix");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(received).contains("QUIT"));
    }
  }

  @Test
  void smtp_554Greeting_isDown() throws Exception {
    try (LocalServer server = smtp("554 5.3.2 No service for you")) {
      CheckResult r = check(MailSpec.plain(MailSpec.Protocol.SMTP, "127.0.0.1", server.port()));
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).isEqualTo("SMTP greeting was not 220: 554 5.3.2 No service for you");
    }
  }

  @Test
  void smtp_implicitTls_selfSignedTrustedWhenNotVerifying() throws Exception {
    TestCerts certs = TestCerts.generate(dir, null, 30, "dns:localhost,ip:127.0.0.1");
    try (LocalServer server = LocalServer.start(certs.serverContext().getServerSocketFactory(),
        (s, in, out) -> {
          LocalServer.write(out, "220 secure.example.test ESMTP\r\n");
          String line;
          while ((line = in.readLine()) != null) {
            if (line.equalsIgnoreCase("QUIT")) {
              LocalServer.write(out, "221 Bye\r\n");
              return;
            }
          }
        })) {
      CheckResult lenient = check(new MailSpec(MailSpec.Protocol.SMTP, "127.0.0.1", server.port(),
          MailSpec.TlsMode.IMPLICIT, false));
      assertThat(lenient.isUp()).isTrue();
      CheckResult strict = check(new MailSpec(MailSpec.Protocol.SMTP, "127.0.0.1", server.port(),
          MailSpec.TlsMode.IMPLICIT, true));
      assertThat(strict.isUp()).isFalse();
      assertThat(strict.failureCause()).contains("TLS");
    }
  }

  @Test
  void imap_okGreeting_isUp_byeIsDown() throws Exception {
    LocalServer.Handler imap = (s, in, out) -> {
      LocalServer.write(out, "* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        String tag = line.split(" ")[0];
        LocalServer.write(out, "* BYE Logging out\r\n" + tag + " OK Logout completed.\r\n");
        return;
      }
    };
    try (LocalServer server = LocalServer.start(imap)) {
      assertThat(check(MailSpec.plain(MailSpec.Protocol.IMAP, "127.0.0.1", server.port()))
          .isUp()).isTrue();
    }
    try (LocalServer server = LocalServer.start((s, in, out) ->
        LocalServer.write(out, "* BYE Too many connections\r\n"))) {
      CheckResult r = check(MailSpec.plain(MailSpec.Protocol.IMAP, "127.0.0.1", server.port()));
      assertThat(r.isUp()).isFalse();
    }
  }

  @Test
  void pop3_okGreeting_isUp_errIsDown() throws Exception {
    LocalServer.Handler pop = (s, in, out) -> {
      LocalServer.write(out, "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equalsIgnoreCase("QUIT")) {
          LocalServer.write(out, "+OK dewey POP3 server signing off\r\n");
          return;
        }
      }
    };
    try (LocalServer server = LocalServer.start(pop)) {
      assertThat(check(MailSpec.plain(MailSpec.Protocol.POP3, "127.0.0.1", server.port()))
          .isUp()).isTrue();
    }
    try (LocalServer server = LocalServer.start((s, in, out) ->
        LocalServer.write(out, "-ERR maildrop locked\r\n"))) {
      CheckResult r = check(MailSpec.plain(MailSpec.Protocol.POP3, "127.0.0.1", server.port()));
      assertThat(r.isUp()).isFalse();
    }
  }

  @Test
  void smtp_silentServer_timesOut() throws Exception {
    try (LocalServer server = LocalServer.start((s, in, out) -> in.readLine())) {
      CheckResult r = check(MailSpec.plain(MailSpec.Protocol.SMTP, "127.0.0.1", server.port()));
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).contains("timed out");
    }
  }
}
