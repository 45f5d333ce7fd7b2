package dev.obskit.uptime.mail;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.MailSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.check.TrustAll;
import dev.obskit.uptime.tls.TlsChecker;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.commons.net.SocketClient;
import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.pop3.POP3;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.smtp.SMTPSClient;

/**
 * SMTP, IMAP and POP3 banner checks with commons-net: connect (plain or implicit TLS), require
 * the positive greeting, optionally upgrade with STARTTLS/STLS (a refused upgrade or a failed
 * handshake is DOWN), then say goodbye politely (QUIT, LOGOUT) over the upgraded connection. With
 * {@link MailSpec#verifyTls()} the certificate must chain to the configured trust and match the
 * spec's host; a mismatch is DOWN naming it. No credentials are ever sent. Connect and read are bounded by the monitor's timeout.
 * Thread-safe (a new client per probe).
 */
public final class MailChecker extends BlockingChecker {
  /** Longest banner kept in the result's details. */
  static final int MAX_BANNER = 200;

  private final X509TrustManager trust;

  /** Creates a checker running probes on {@code executor}, trusting the JDK's trust store. */
  public MailChecker(Clock clock, Executor executor) {
    this(clock, executor, TlsChecker.defaultTrust());
  }

  /**
   * Creates a checker trusting {@code trust} (e.g. a private CA) for monitors that verify TLS;
   * the host name (or address) of the spec must match the certificate as well.
   */
  public MailChecker(Clock clock, Executor executor, X509TrustManager trust) {
    super(clock, executor);
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.MAIL;
  }

  @Override
  public String getName() {
    return "commons-net-mail";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws IOException {
    MailSpec spec = (MailSpec) monitor.spec();
    int timeout = (int) monitor.timeout().toMillis();
    String failure;
    String banner;
    switch (spec.protocol()) {
      case SMTP -> {
        SMTPClient c = spec.tls() == MailSpec.TlsMode.NONE ? new SMTPClient()
            : secure(new SMTPSClient(spec.tls() == MailSpec.TlsMode.IMPLICIT), spec);
        try {
          open(c, spec, timeout);
          banner = c.getReplyString();
          failure = SMTPReply.isPositiveCompletion(c.getReplyCode()) ? ""
              : "SMTP greeting was not 220: " + oneLine(banner);
          if (failure.isEmpty() && spec.tls() == MailSpec.TlsMode.STARTTLS
              && !((SMTPSClient) c).execTLS()) {
            failure = "SMTP STARTTLS refused: " + oneLine(c.getReplyString());
          }
          if (failure.isEmpty()) {
            c.quit();
          }
        } finally {
          close(c);
        }
      }
      case IMAP -> {
        IMAPClient c = spec.tls() == MailSpec.TlsMode.NONE ? new IMAPClient()
            : secure(new IMAPSClient(spec.tls() == MailSpec.TlsMode.IMPLICIT), spec);
        try {
          open(c, spec, timeout);
          banner = c.getReplyString();
          failure = banner.startsWith("* OK") || banner.startsWith("* PREAUTH") ? ""
              : "IMAP greeting was not '* OK': " + oneLine(banner);
          if (failure.isEmpty() && spec.tls() == MailSpec.TlsMode.STARTTLS
              && !((IMAPSClient) c).execTLS()) {
            failure = "IMAP STARTTLS refused: " + oneLine(c.getReplyString());
          }
          if (failure.isEmpty()) {
            c.logout();
          }
        } finally {
          close(c);
        }
      }
      case POP3 -> {
        POP3Client c = spec.tls() == MailSpec.TlsMode.NONE ? new POP3Client()
            : secure(new POP3SClient(spec.tls() == MailSpec.TlsMode.IMPLICIT), spec);
        try {
          open(c, spec, timeout);
          banner = c.getReplyString();
          failure = c.getState() == POP3.AUTHORIZATION_STATE && banner.startsWith("+OK") ? ""
              : "POP3 greeting was not '+OK': " + oneLine(banner);
          if (failure.isEmpty() && spec.tls() == MailSpec.TlsMode.STARTTLS
              && !((POP3SClient) c).execTLS()) {
            failure = "POP3 STLS refused: " + oneLine(c.getReplyString());
          }
          if (failure.isEmpty()) {
            c.logout();
          }
        } finally {
          close(c);
        }
      }
      default -> throw new IllegalStateException("unknown protocol " + spec.protocol());
    }
    Timings t = Timings.total(System.nanoTime() - startNanos);
    CheckResult r = failure.isEmpty() ? CheckResult.up(startedAt, t)
        : CheckResult.down(startedAt, t, failure);
    return r.withDetails(Map.of("banner", oneLine(banner)));
  }

  /**
   * Sets up TLS: with verification, the configured trust and the endpoint (host name) check; without,
   * any certificate. Both for implicit TLS and for STARTTLS/STLS, which negotiate on the same
   * settings.
   */
  private <T extends SocketClient> T secure(T client, MailSpec spec) {
    X509TrustManager tm = spec.verifyTls() ? trust : TrustAll.TRUST_MANAGER;
    if (client instanceof SMTPSClient s) {
      s.setTrustManager(tm);
      s.setEndpointCheckingEnabled(spec.verifyTls());
    } else if (client instanceof IMAPSClient s) {
      s.setTrustManager(tm);
      s.setEndpointCheckingEnabled(spec.verifyTls());
    } else if (client instanceof POP3SClient s) {
      s.setTrustManager(tm);
      s.setEndpointCheckingEnabled(spec.verifyTls());
    }
    return client;
  }

  private static void open(SocketClient c, MailSpec spec, int timeout) throws IOException {
    c.setConnectTimeout(timeout);
    c.setDefaultTimeout(timeout);
    c.connect(spec.host(), spec.port());
    c.setSoTimeout(timeout);
  }

  private static void close(SocketClient c) {
    try {
      c.disconnect();
    } catch (IOException e) {
      // the verdict is already known; a failing close changes nothing
      org.slf4j.LoggerFactory.getLogger(MailChecker.class).trace("disconnect failed", e);
    }
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.replace('\r', ' ').replace('\n', ' ').strip();
    return line.length() <= MAX_BANNER ? line : line.substring(0, MAX_BANNER - 3) + "...";
  }
}
