package dev.obskit.uptime.check;

import java.util.Locale;
import java.util.Objects;

/**
 * Ping a host. Java can only send ICMP echo with raw-socket privilege ({@code CAP_NET_RAW} or
 * root); without it {@code InetAddress.isReachable} silently falls back to TCP port 7, which
 * reports a live host that drops port 7 as down. So the mode is explicit:
 * <ul>
 *   <li>{@link Mode#ICMP}: requires privilege; without it every check is DOWN with a cause that
 *       says so (never a silent fallback).
 *   <li>{@link Mode#TCP_CONNECT}: a TCP connect to {@code tcpPort}; a completed handshake or a
 *       refusal (RST) both prove the host is up, a timeout or unreachable network means down.
 * </ul>
 *
 * @param host host name or address
 * @param mode how to ping
 * @param tcpPort port for {@link Mode#TCP_CONNECT} (default 443)
 */
public record PingSpec(String host, Mode mode, int tcpPort) implements CheckSpec {
  /** Default port for TCP-connect ping. */
  public static final int DEFAULT_TCP_PORT = 443;

  /** How to ping. */
  public enum Mode {
    /** ICMP echo; needs privileges. */
    ICMP,
    /** TCP connect; works unprivileged, proves reachability rather than ICMP echo. */
    TCP_CONNECT
  }

  /** Validates the components. */
  public PingSpec {
    host = Specs.host(host);
    Objects.requireNonNull(mode, "mode");
    tcpPort = Specs.port(tcpPort);
  }

  /** Returns a TCP-connect ping on {@link #DEFAULT_TCP_PORT}. */
  public static PingSpec tcpConnect(String host) {
    return new PingSpec(host, Mode.TCP_CONNECT, DEFAULT_TCP_PORT);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.PING;
  }

  @Override
  public String targetHost() {
    return host.toLowerCase(Locale.ROOT);
  }
}
