package dev.obskit.uptime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.UdpSpec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UDP send/expect against real UDP listeners on loopback. */
class UdpCheckerTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final UdpChecker udp = new UdpChecker(clock, pool);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Monitor monitor(UdpSpec spec, Duration timeout) {
    return Monitor.builder(MonitorId.of("udp"), TeamId.of("t"), spec)
        .setFrequency(Duration.ofSeconds(30)).setTimeout(timeout).build();
  }

  /**
   * A real UDP listener on loopback answering each datagram with {@code reply(request)}, or
   * staying silent when it returns null.
   */
  private static final class Listener implements AutoCloseable {
    final DatagramSocket socket;
    final AtomicInteger received = new AtomicInteger();
    final Thread thread;

    Listener(UnaryOperator<byte[]> reply) throws SocketException {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      thread = new Thread(() -> {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          try {
            socket.receive(p);
            received.incrementAndGet();
            byte[] answer = reply.apply(Arrays.copyOf(p.getData(), p.getLength()));
            if (answer != null) {
              socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            }
          } catch (IOException e) {
            return; // closed
          }
        }
      }, "udp-listener");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void echoListener_replyMatchingPattern_isUpWithTimings() throws Exception {
    try (Listener echo = new Listener(req -> req)) {
      CheckResult r = udp.check(monitor(new UdpSpec("127.0.0.1", echo.port(), "PING 42",
          "^PING \\d+$"), Duration.ofSeconds(2))).get(10, TimeUnit.SECONDS);
      assertThat(r.isUp()).as(r.failureCause()).isTrue();
      assertThat(r.timings().firstByteNanos()).isPositive();
      assertThat(r.timings().totalNanos()).isGreaterThanOrEqualTo(r.timings().firstByteNanos());
      assertThat(echo.received.get()).isEqualTo(1);
    }
  }

  @Test
  void binaryReply_matchesHexEscapes() throws Exception {
    try (Listener bin = new Listener(req -> new byte[] {(byte) 0xCA, (byte) 0xFE, 0x00, 0x01})) {
      CheckResult r = udp.check(monitor(new UdpSpec("127.0.0.1", bin.port(), "hi",
          "\\xCA\\xFE\\x00"), Duration.ofSeconds(2))).get(10, TimeUnit.SECONDS);
      assertThat(r.isUp()).as(r.failureCause()).isTrue();
    }
  }

  @Test
  void wrongReply_isDown_quotingTheReply() throws Exception {
    try (Listener wrong = new Listener(req -> ascii("ERR busy\n"))) {
      CheckResult r = udp.check(monitor(new UdpSpec("127.0.0.1", wrong.port(), "PING",
          "PONG"), Duration.ofMillis(500))).get(10, TimeUnit.SECONDS);
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).isEqualTo("UDP reply did not match /PONG/: 'ERR busy\\x0A'");
    }
  }

  @Test
  void silentListener_isDown_noReplyWithinTimeout() throws Exception {
    try (Listener silent = new Listener(req -> null)) {
      CheckResult r = udp.check(monitor(new UdpSpec("127.0.0.1", silent.port(), "PING",
          "PONG"), Duration.ofMillis(500))).get(10, TimeUnit.SECONDS);
      assertThat(r.isUp()).isFalse();
      assertThat(r.failureCause()).isEqualTo("no UDP reply within 500 ms");
      assertThat(silent.received.get()).isEqualTo(1);
    }
  }

  @Test
  void closedPort_isDown() throws Exception {
    int port;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CheckResult r = udp.check(monitor(new UdpSpec("127.0.0.1", port, "PING", "PONG"),
        Duration.ofMillis(500))).get(10, TimeUnit.SECONDS);
    assertThat(r.isUp()).isFalse();
    // Linux reports ICMP port unreachable on a connected socket; elsewhere it is a timeout
    assertThat(r.failureCause()).matches("(?i).*(unreachable|no UDP reply).*");
  }

  @Test
  void spec_rejectsBadPatternAndOversizedPayload_namingThem() {
    assertThatThrownBy(() -> new UdpSpec("127.0.0.1", 53, "x", "PO(NG"))
        .hasMessageStartingWith("expect is not a valid pattern: 'PO(NG'");
    assertThatThrownBy(() -> new UdpSpec("127.0.0.1", 53, "x".repeat(1_201), "x"))
        .hasMessage("payload must be at most 1200 bytes, got 1201");
    assertThatThrownBy(() -> new UdpSpec("127.0.0.1", 70_000, "x", "x"))
        .hasMessage("port must be 1 to 65535, got 70000");
  }
}
