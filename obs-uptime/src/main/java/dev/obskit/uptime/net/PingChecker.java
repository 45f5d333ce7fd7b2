package dev.obskit.uptime.net;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.PingSpec;
import dev.obskit.uptime.check.Timings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Ping checks that are honest about Java's limits (see {@link PingSpec} and {@link IcmpSupport}):
 * ICMP mode really sends ICMP echo when the JVM has the privilege, and otherwise reports DOWN
 * with a cause explaining why and what to use instead; TCP-connect mode treats a completed or
 * refused connection as proof the host is up. Every result carries a {@code pingMode} detail.
 * Thread-safe.
 */
public final class PingChecker extends BlockingChecker {
  private final IcmpSupport icmp;

  /** Creates a checker with ICMP support detected from the running JVM. */
  public PingChecker(Clock clock, Executor executor) {
    this(clock, executor, IcmpSupport.detect());
  }

  /** Creates a checker with explicit ICMP support (tests, or hosts that know better). */
  public PingChecker(Clock clock, Executor executor, IcmpSupport icmp) {
    super(clock, executor);
    this.icmp = Objects.requireNonNull(icmp, "icmp");
  }

  /** Returns what this checker knows about ICMP support. */
  public IcmpSupport icmpSupport() {
    return icmp;
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.PING;
  }

  @Override
  public String getName() {
    return "ping";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws IOException {
    PingSpec spec = (PingSpec) monitor.spec();
    int timeout = (int) monitor.timeout().toMillis();
    if (spec.mode() == PingSpec.Mode.ICMP) {
      return icmp(spec, timeout, startedAt, startNanos);
    }
    try {
      long connect = TcpChecker.connect(spec.host(), spec.tcpPort(), timeout);
      return CheckResult.up(startedAt, new Timings(Timings.NOT_MEASURED, connect,
          Timings.NOT_MEASURED, Timings.NOT_MEASURED, System.nanoTime() - startNanos))
          .withDetails(Map.of("pingMode", "tcp-connect", "answer", "connected"));
    } catch (ConnectException refused) {
      // An RST proves the host is up even though nothing listens on the port.
      return CheckResult.up(startedAt, Timings.total(System.nanoTime() - startNanos))
          .withDetails(Map.of("pingMode", "tcp-connect", "answer", "refused (host up)"));
    }
  }

  private CheckResult icmp(PingSpec spec, int timeout, Instant startedAt, long startNanos)
      throws IOException {
    if (!icmp.available()) {
      return CheckResult.down(startedAt, Timings.total(0), icmp.reason())
          .withDetails(Map.of("pingMode", "icmp-unavailable"));
    }
    boolean reachable = InetAddress.getByName(spec.host()).isReachable(timeout);
    Timings t = Timings.total(System.nanoTime() - startNanos);
    CheckResult r = reachable ? CheckResult.up(startedAt, t)
        : CheckResult.down(startedAt, t, "no ICMP echo reply within " + timeout + " ms");
    return r.withDetails(Map.of("pingMode", "icmp"));
  }
}
