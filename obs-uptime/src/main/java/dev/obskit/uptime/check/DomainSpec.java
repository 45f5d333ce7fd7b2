package dev.obskit.uptime.check;

import java.util.Locale;

/**
 * Look up {@code domain} on a WHOIS server and read its registry expiry date.
 *
 * @param domain registered domain, e.g. {@code example.com}
 * @param whoisHost WHOIS server (e.g. {@code whois.verisign-grs.com} for .com)
 * @param whoisPort WHOIS port, 43 by default
 */
public record DomainSpec(String domain, String whoisHost, int whoisPort) implements CheckSpec {
  /** The standard WHOIS port. */
  public static final int DEFAULT_WHOIS_PORT = 43;

  /** Validates the components. */
  public DomainSpec {
    domain = Specs.host(domain).toLowerCase(Locale.ROOT);
    whoisHost = Specs.host(whoisHost);
    whoisPort = Specs.port(whoisPort);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.DOMAIN;
  }

  @Override
  public String targetHost() {
    return whoisHost.toLowerCase(Locale.ROOT);
  }
}
