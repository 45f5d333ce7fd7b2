package dev.obskit.uptime.net;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.check.UdpSpec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * UDP send/expect checks: sends the payload from a socket connected to the target (so only the
 * target's replies are received, and an ICMP port-unreachable is reported as such), then waits
 * up to the monitor's timeout for a reply matching the pattern. UP on the first matching reply;
 * DOWN on no reply ("no UDP reply within N ms"), on replies that never match (the last one is
 * quoted, abbreviated), or on port unreachable. Thread-safe.
 */
public final class UdpChecker extends BlockingChecker {
  private static final int MAX_REPLY = 65_507;
  private static final int QUOTE = 80;

  /** Creates a checker running probes on {@code executor}. */
  public UdpChecker(Clock clock, Executor executor) {
    super(clock, executor);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.UDP;
  }

  @Override
  public String getName() {
    return "udp-send-expect";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws IOException {
    UdpSpec spec = (UdpSpec) monitor.spec();
    long deadline = startNanos + monitor.timeout().toNanos();
    byte[] payload = spec.payload().getBytes(StandardCharsets.UTF_8);
    String lastReply = null;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(new InetSocketAddress(spec.host(), spec.port()));
      long sentAt = System.nanoTime();
      long connected = sentAt - startNanos; // includes name resolution
      socket.send(new DatagramPacket(payload, payload.length));
      byte[] buf = new byte[MAX_REPLY];
      while (true) {
        long left = deadline - System.nanoTime();
        if (left < 1_000_000L) {
          break;
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000L));
        DatagramPacket reply = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(reply);
        } catch (SocketTimeoutException e) {
          break;
        }
        long firstByte = System.nanoTime() - sentAt;
        String text = new String(buf, 0, reply.getLength(), StandardCharsets.ISO_8859_1);
        if (spec.pattern().matcher(text).find()) {
          return CheckResult.up(startedAt, new Timings(Timings.NOT_MEASURED, connected,
              Timings.NOT_MEASURED, firstByte, System.nanoTime() - startNanos));
        }
        lastReply = text;
      }
    }
    long total = System.nanoTime() - startNanos;
    String cause = lastReply == null
        ? "no UDP reply within " + monitor.timeout().toMillis() + " ms"
        : "UDP reply did not match /" + abbreviate(spec.expect()) + "/: '"
            + abbreviate(printable(lastReply)) + "'";
    return CheckResult.down(startedAt, Timings.total(total), cause);
  }

  private static String abbreviate(String s) {
    return s.length() <= QUOTE ? s : s.substring(0, QUOTE - 3) + "...";
  }

  /** Replaces control and non-ASCII bytes by {@code \xNN} so a cause stays one readable line. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), QUOTE * 4));
    for (int i = 0; i < s.length() && sb.length() < QUOTE * 4; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        sb.append(c);
      } else {
        sb.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
      }
    }
    return sb.toString();
  }
}
