package dev.obskit.uptime.check;

/**
 * What to probe, one immutable record per {@link MonitorKind}. Sealed so that every checker and
 * the file loader can switch over the complete set.
 */
public sealed interface CheckSpec
    permits HttpSpec, TcpSpec, UdpSpec, DnsSpec, TlsSpec, DomainSpec, MailSpec, PingSpec,
    DatabaseSpec, JourneySpec {

  /** Returns the kind of check this spec describes. */
  MonitorKind kind();

  /**
   * Returns the host the probe connects to, used to bound concurrency per target host
   * (lower-case; never blank).
   */
  String targetHost();
}
