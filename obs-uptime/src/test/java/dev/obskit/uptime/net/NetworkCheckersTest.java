package dev.obskit.uptime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.CheckSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.PingSpec;
import dev.obskit.uptime.check.TcpSpec;
import dev.obskit.uptime.testing.LocalServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetworkCheckersTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Monitor monitor(CheckSpec spec) {
    return Monitor.builder(MonitorId.of("net"), TeamId.of("t"), spec)
        .setFrequency(Duration.ofSeconds(30)).setTimeout(Duration.ofSeconds(2)).build();
  }

  private static int closedPort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void tcp_listeningPort_isUp_closedPortIsDownRefused() throws Exception {
    TcpChecker tcp = new TcpChecker(clock, pool);
    try (LocalServer server = LocalServer.start((s, in, out) -> { })) {
      CheckResult up = tcp.check(monitor(new TcpSpec("127.0.0.1", server.port())))
          .get(10, TimeUnit.SECONDS);
      assertThat(up.isUp()).isTrue();
      assertThat(up.timings().connectNanos()).isPositive();
    }
    CheckResult down = tcp.check(monitor(new TcpSpec("127.0.0.1", closedPort())))
        .get(10, TimeUnit.SECONDS);
    assertThat(down.isUp()).isFalse();
    assertThat(down.failureCause()).startsWith("connection refused");
  }

  @Test
  void tcp_unknownHost_isDownNamingDns() throws Exception {
    CheckResult r = new TcpChecker(clock, pool)
        .check(monitor(new TcpSpec("no-such-host.invalid", 80))).get(10, TimeUnit.SECONDS);
    assertThat(r.failureCause()).startsWith("DNS resolution failed");
  }

  @Test
  void tcp_postgresOnLocalhost_isUpWhenPresent() throws Exception {
    boolean present;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
      present = true;
    } catch (IOException e) {
      present = false;
    }
    assumeThat(present).as("PostgreSQL on 127.0.0.1:5432").isTrue();
    assertThat(new TcpChecker(clock, pool).check(monitor(new TcpSpec("127.0.0.1", 5432)))
        .get(10, TimeUnit.SECONDS).isUp()).isTrue();
  }

  @Test
  void ping_icmpWithoutPrivilege_isDownSayingWhy_neverSilentlyFallsBack() throws Exception {
    PingChecker ping = new PingChecker(clock, pool, new IcmpSupport(false, "no CAP_NET_RAW"));
    CheckResult r = ping.check(monitor(new PingSpec("127.0.0.1", PingSpec.Mode.ICMP, 443)))
        .get(10, TimeUnit.SECONDS);
    assertThat(r.isUp()).isFalse();
    assertThat(r.failureCause()).isEqualTo("no CAP_NET_RAW");
    assertThat(r.details()).containsEntry("pingMode", "icmp-unavailable");
  }

  @Test
  void ping_icmpDetectedSupport_reportsModeHonestly() throws Exception {
    PingChecker ping = new PingChecker(clock, pool);
    CheckResult r = ping.check(monitor(new PingSpec("127.0.0.1", PingSpec.Mode.ICMP, 443)))
        .get(10, TimeUnit.SECONDS);
    if (ping.icmpSupport().available()) {
      assertThat(r.details()).containsEntry("pingMode", "icmp");
    } else {
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).contains("TCP_CONNECT");
    }
  }

  @Test
  void ping_tcpConnect_refusedProvesHostUp() throws Exception {
    PingChecker ping = new PingChecker(clock, pool);
    CheckResult r = ping.check(monitor(new PingSpec("127.0.0.1", PingSpec.Mode.TCP_CONNECT,
        closedPort()))).get(10, TimeUnit.SECONDS);
    assertThat(r.isUp()).isTrue();
    assertThat(r.details()).containsEntry("pingMode", "tcp-connect")
        .containsEntry("answer", "refused (host up)");
  }
}
