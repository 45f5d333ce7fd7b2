package dev.obskit.uptime.check;

/** What a monitor checks; each kind has one {@link Checker}. */
public enum MonitorKind {
  /** HTTP(S) request with status, keyword and timing checks. */
  HTTP,
  /** TCP connect to host:port. */
  TCP,
  /** UDP datagram to host:port; up when a matching reply arrives within the timeout. */
  UDP,
  /** DNS query against a chosen server. */
  DNS,
  /** TLS handshake: certificate expiry and hostname validity. */
  TLS,
  /** Domain registration expiry via WHOIS. */
  DOMAIN,
  /** SMTP, IMAP or POP3 banner. */
  MAIL,
  /** ICMP echo when privileged, otherwise TCP-connect ping (reported as such). */
  PING,
  /** JDBC connect and query, with an expected value (driver supplied by the host). */
  DATABASE,
  /** A scripted user journey in a headless browser (transaction monitor). */
  TRANSACTION
}
