package dev.obskit.uptime.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.MailSpec;
import dev.obskit.uptime.check.MailSpec.Protocol;
import dev.obskit.uptime.check.MailSpec.TlsMode;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.testing.LocalServer;
import dev.obskit.uptime.testing.TestCerts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * STARTTLS/STLS and implicit TLS for SMTP, IMAP and POP3 against real local servers that speak
 * each protocol's upgrade and then finish the TLS handshake, with certificates generated in the
 * test: one for 127.0.0.1 (trusted by the checker), one for another name (a mismatch).
 */
class MailTlsTest {
  @TempDir
  static Path dir;
  private static TestCerts matching;
  private static TestCerts otherName;

  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  /** What the server saw: the upgrade command, the handshake, and commands after it. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void certificates() throws Exception {
    matching = TestCerts.generate(dir, null, 30, "dns:localhost,ip:127.0.0.1");
    otherName = TestCerts.generate(dir, null, 30, "dns:other.example.test");
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private CheckResult check(Protocol p, int port, TlsMode mode, TestCerts trusted)
      throws Exception {
    Monitor m = Monitor.builder(MonitorId.of("mail"), TeamId.of("t"),
            new MailSpec(p, "127.0.0.1", port, mode, true))
        .setFrequency(Duration.ofSeconds(30)).setTimeout(Duration.ofSeconds(5)).build();
    return new MailChecker(clock, pool, trusted.trustManager()).check(m).get(20, TimeUnit.SECONDS);
  }

  /** The protocol's words: greeting, upgrade command and its OK, goodbye and its reply. */
  private record Dialect(String greeting, String upgrade, String upgradeOk, String bye,
      String byeOk) {
    static Dialect of(Protocol p) {
      return switch (p) {
        case SMTP -> new Dialect("220 mx.test ESMTP", "STARTTLS", "220 2.0.0 Ready to start TLS",
            "QUIT", "221 2.0.0 Bye");
        case IMAP -> new Dialect("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready", "STARTTLS",
            "OK Begin TLS negotiation now", "LOGOUT", "OK LOGOUT completed");
        case POP3 -> new Dialect("+OK POP3 ready", "STLS", "+OK Begin TLS negotiation",
            "QUIT", "+OK Bye");
      };
    }

    /** IMAP replies carry the command's tag; a tagged "BYE" precedes the LOGOUT answer. */
    String reply(Protocol p, String line, String text) {
      if (p != Protocol.IMAP) {
        return text + "\r\n";
      }
      String tag = line.split(" ")[0];
      return (text.startsWith("OK LOGOUT") ? "* BYE closing\r\n" : "") + tag + " " + text + "\r\n";
    }

    static String command(Protocol p, String line) {
      String[] parts = line.split(" ");
      return (p == Protocol.IMAP && parts.length > 1 ? parts[1] : parts[0])
          .toUpperCase(Locale.ROOT);
    }
  }

  /** A plain listener that upgrades to TLS with {@code certs} on the protocol's command. */
  private LocalServer startTlsServer(Protocol p, TestCerts certs, boolean offerTls)
      throws Exception {
    Dialect d = Dialect.of(p);
    SSLContext ctx = certs.serverContext();
    return LocalServer.start((socket, in, out) -> {
      LocalServer.write(out, d.greeting() + "\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        String cmd = Dialect.command(p, line);
        if (cmd.equals(d.upgrade())) {
          seen.add(cmd);
          if (!offerTls) {
            LocalServer.write(out, p == Protocol.SMTP ? "454 4.7.0 TLS not available\r\n"
                : d.reply(p, line, p == Protocol.POP3 ? "-ERR no TLS" : "NO no TLS"));
            continue;
          }
          LocalServer.write(out, d.reply(p, line, d.upgradeOk()));
          speakTls(p, d, upgrade(ctx, socket));
          return;
        }
        if (cmd.equals(d.bye())) {
          seen.add("plain " + cmd);
          LocalServer.write(out, d.reply(p, line, d.byeOk()));
          return;
        }
        LocalServer.write(out, d.reply(p, line, p == Protocol.SMTP ? "250 OK"
            : p == Protocol.POP3 ? "+OK" : "OK done"));
      }
    });
  }

  private SSLSocket upgrade(SSLContext ctx, Socket plain) throws IOException {
    SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain,
        plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    ssl.setUseClientMode(false);
    try {
      ssl.startHandshake();
    } catch (IOException e) {
      seen.add("handshake failed");
      throw e;
    }
    seen.add("handshake");
    return ssl;
  }

  private void speakTls(Protocol p, Dialect d, SSLSocket ssl) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(ssl.getInputStream(),
        StandardCharsets.US_ASCII));
    OutputStream out = ssl.getOutputStream();
    String line;
    while ((line = in.readLine()) != null) {
      String cmd = Dialect.command(p, line);
      seen.add("tls " + cmd);
      if (cmd.equals(d.bye())) {
        LocalServer.write(out, d.reply(p, line, d.byeOk()));
        return;
      }
      LocalServer.write(out, d.reply(p, line, p == Protocol.SMTP ? "250 OK" : "+OK"));
    }
  }

  /** An implicit-TLS listener: greeting and goodbye over TLS from the first byte. */
  private LocalServer implicitTlsServer(Protocol p, TestCerts certs) throws Exception {
    Dialect d = Dialect.of(p);
    return LocalServer.start(certs.serverContext().getServerSocketFactory(), (s, in, out) -> {
      seen.add("tls accepted");
      LocalServer.write(out, d.greeting() + "\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        String cmd = Dialect.command(p, line);
        seen.add("tls " + cmd);
        if (cmd.equals(d.bye())) {
          LocalServer.write(out, d.reply(p, line, d.byeOk()));
          return;
        }
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void starttls_negotiatedWithATrustedMatchingCertificate_isUp_goodbyeOverTls(Protocol p)
      throws Exception {
    try (LocalServer server = startTlsServer(p, matching, true)) {
      CheckResult r = check(p, server.port(), TlsMode.STARTTLS, matching);
      assertThat(r.isUp()).as(r.failureCause()).isTrue();
      String bye = Dialect.of(p).bye();
      Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seen)
          .containsExactly(Dialect.of(p).upgrade(), "handshake", "tls " + bye));
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void starttls_certificateForAnotherName_isDownNamingTheMismatch(Protocol p) throws Exception {
    try (LocalServer server = startTlsServer(p, otherName, true)) {
      CheckResult r = check(p, server.port(), TlsMode.STARTTLS, otherName);
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).startsWith("TLS certificate does not match the host: ")
          .contains("127.0.0.1");
      assertThat(seen).startsWith(Dialect.of(p).upgrade());
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void starttls_untrustedCertificate_isDown(Protocol p) throws Exception {
    try (LocalServer server = startTlsServer(p, matching, true)) {
      CheckResult r = check(p, server.port(), TlsMode.STARTTLS, otherName);
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).startsWith("TLS");
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void starttls_refusedByTheServer_isDown(Protocol p) throws Exception {
    try (LocalServer server = startTlsServer(p, matching, false)) {
      CheckResult r = check(p, server.port(), TlsMode.STARTTLS, matching);
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).contains(p == Protocol.POP3 ? "STLS refused"
          : "STARTTLS refused");
      assertThat(seen).doesNotContain("handshake");
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void implicitTls_trustedMatchingCertificate_isUp(Protocol p) throws Exception {
    try (LocalServer server = implicitTlsServer(p, matching)) {
      CheckResult r = check(p, server.port(), TlsMode.IMPLICIT, matching);
      assertThat(r.isUp()).as(r.failureCause()).isTrue();
      Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seen)
          .containsExactly("tls accepted", "tls " + Dialect.of(p).bye()));
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void implicitTls_certificateForAnotherName_isDownNamingTheMismatch(Protocol p)
      throws Exception {
    try (LocalServer server = implicitTlsServer(p, otherName)) {
      CheckResult r = check(p, server.port(), TlsMode.IMPLICIT, otherName);
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).startsWith("TLS certificate does not match the host: ");
    }
  }
}
