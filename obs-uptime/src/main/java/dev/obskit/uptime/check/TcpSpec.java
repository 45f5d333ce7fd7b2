package dev.obskit.uptime.check;

import java.util.Locale;
import java.util.Objects;

/**
 * Connect to {@code host:port}; up when the TCP handshake completes within the timeout.
 *
 * @param host host name or address
 * @param port 1 to 65535
 */
public record TcpSpec(String host, int port) implements CheckSpec {
  /** Validates host and port. */
  public TcpSpec {
    host = Specs.host(host);
    port = Specs.port(port);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.TCP;
  }

  @Override
  public String targetHost() {
    return host.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "tcp://" + Objects.toString(host) + ":" + port;
  }
}
