package dev.obskit.uptime.net;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.TcpSpec;
import dev.obskit.uptime.check.Timings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * TCP connect checks: UP when the handshake completes within the monitor's timeout. The
 * connection is closed immediately (no bytes are sent). Thread-safe.
 */
public final class TcpChecker extends BlockingChecker {
  /** Creates a checker running probes on {@code executor}. */
  public TcpChecker(Clock clock, Executor executor) {
    super(clock, executor);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.TCP;
  }

  @Override
  public String getName() {
    return "tcp-connect";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws IOException {
    TcpSpec spec = (TcpSpec) monitor.spec();
    long connect = connect(spec.host(), spec.port(), (int) monitor.timeout().toMillis());
    long total = System.nanoTime() - startNanos;
    return CheckResult.up(startedAt, new Timings(Timings.NOT_MEASURED, connect,
        Timings.NOT_MEASURED, Timings.NOT_MEASURED, total));
  }

  /** Connects and closes; returns the connect time in nanoseconds. */
  static long connect(String host, int port, int timeoutMillis) throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      return System.nanoTime() - start;
    }
  }
}
