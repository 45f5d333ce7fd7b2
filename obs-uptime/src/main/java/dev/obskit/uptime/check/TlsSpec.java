package dev.obskit.uptime.check;

import java.util.Locale;
import java.util.Objects;

/**
 * Handshake with {@code host:port} and inspect the leaf certificate: expired, not yet valid, not
 * trusted or not matching {@code serverName} is DOWN; the expiry date feeds the expiry alerts.
 *
 * @param host host to connect to
 * @param port TLS port (usually 443)
 * @param serverName name sent as SNI and checked against the certificate; defaults to host
 * @param verifyTrust whether an untrusted chain (e.g. self-signed) is a failure
 */
public record TlsSpec(String host, int port, String serverName, boolean verifyTrust)
    implements CheckSpec {
  /** Validates the components. */
  public TlsSpec {
    host = Specs.host(host);
    port = Specs.port(port);
    serverName = serverName == null || serverName.isBlank() ? host : Specs.host(serverName);
  }

  /** Returns a spec for {@code host:443} verifying trust. */
  public static TlsSpec of(String host, int port) {
    return new TlsSpec(host, port, host, true);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.TLS;
  }

  @Override
  public String targetHost() {
    return Objects.requireNonNull(host).toLowerCase(Locale.ROOT);
  }
}
