package dev.obskit.uptime.mail;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.MailSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.check.TrustAll;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
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
 * the positive greeting, optionally upgrade with STARTTLS/STLS, then say goodbye politely (QUIT,
 * LOGOUT). No credentials are ever sent. Connect and read are bounded by the monitor's timeout.
 * Thread-safe (a new client per probe).
 */
public final class MailChecker extends BlockingChecker {
  /** Longest banner kept in the result's details. */
  static final int MAX_BANNER = 200;

  /** Creates a checker running probes on {@code executor}. */
  public MailChecker(Clock clock, Executor executor) {
    super(clock, executor);
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

  private static <T extends SocketClient> T secure(T client, MailSpec spec) {
    if (client instanceof SMTPSClient s) {
      configure(s, spec);
    } else if (client instanceof IMAPSClient s) {
      if (!spec.verifyTls()) {
        s.setTrustManager(TrustAll.TRUST_MANAGER);
      }
      s.setEndpointCheckingEnabled(spec.verifyTls());
    } else if (client instanceof POP3SClient s) {
      if (!spec.verifyTls()) {
        s.setTrustManager(TrustAll.TRUST_MANAGER);
      }
      s.setEndpointCheckingEnabled(spec.verifyTls());
    }
    return client;
  }

  private static void configure(SMTPSClient s, MailSpec spec) {
    if (!spec.verifyTls()) {
      s.setTrustManager(TrustAll.TRUST_MANAGER);
    }
    s.setEndpointCheckingEnabled(spec.verifyTls());
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
