package dev.obskit.uptime.check;

import java.util.Locale;
import java.util.Objects;

/**
 * Connect to a mail server and require a positive greeting (SMTP {@code 220}, IMAP
 * {@code * OK}, POP3 {@code +OK}), optionally over TLS.
 *
 * @param protocol which protocol's greeting to expect
 * @param host mail server
 * @param port server port (25/465/587, 143/993, 110/995)
 * @param tls plain, implicit TLS, or STARTTLS (SMTP/IMAP) / STLS (POP3) after the greeting
 * @param verifyTls whether the TLS certificate must be trusted
 */
public record MailSpec(Protocol protocol, String host, int port, TlsMode tls, boolean verifyTls)
    implements CheckSpec {

  /** Mail protocols. */
  public enum Protocol { SMTP, IMAP, POP3 }

  /** How TLS is used. */
  public enum TlsMode { NONE, IMPLICIT, STARTTLS }

  /** Validates the components. */
  public MailSpec {
    Objects.requireNonNull(protocol, "protocol");
    host = Specs.host(host);
    port = Specs.port(port);
    Objects.requireNonNull(tls, "tls");
  }

  /** Returns a plain-text banner check. */
  public static MailSpec plain(Protocol protocol, String host, int port) {
    return new MailSpec(protocol, host, port, TlsMode.NONE, true);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.MAIL;
  }

  @Override
  public String targetHost() {
    return host.toLowerCase(Locale.ROOT);
  }
}
