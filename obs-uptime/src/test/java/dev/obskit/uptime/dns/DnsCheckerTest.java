package dev.obskit.uptime.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.DnsSpec;
import dev.obskit.uptime.check.Monitor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A real DNS server on loopback UDP, answering from a tiny zone built with dnsjava. */
class DnsCheckerTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private DatagramSocket socket;
  private Thread serverThread;

  @BeforeEach
  void startServer() throws Exception {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    serverThread = new Thread(this::serve, "test-dns");
    serverThread.setDaemon(true);
    serverThread.start();
  }

  @AfterEach
  void stop() {
    socket.close();
    pool.shutdownNow();
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        byte[] answer = answer(new Message(java.util.Arrays.copyOf(p.getData(), p.getLength())));
        if (answer != null) {
          socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private static byte[] answer(Message query) throws IOException {
    Record q = query.getQuestion();
    if (q.getName().toString().equals("silent.test.")) {
      return null; // never answers: the check must time out
    }
    Message r = new Message(query.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.AA);
    r.addRecord(q, Section.QUESTION);
    Name app = Name.fromString("app.test.");
    if (q.getName().equals(app) && q.getType() == Type.A) {
      r.addRecord(new ARecord(app, DClass.IN, 300, InetAddress.getByName("192.0.2.10")),
          Section.ANSWER);
      r.addRecord(new ARecord(app, DClass.IN, 300, InetAddress.getByName("192.0.2.11")),
          Section.ANSWER);
    } else if (q.getName().equals(app) && q.getType() == Type.MX) {
      r.addRecord(new MXRecord(app, DClass.IN, 300, 10, Name.fromString("mail.app.test.")),
          Section.ANSWER);
    } else if (!q.getName().equals(app)) {
      r.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    return r.toWire();
  }

  private CheckResult check(String name, String type, Set<String> expected) throws Exception {
    DnsSpec spec = new DnsSpec(name, type, "127.0.0.1", socket.getLocalPort(), expected);
    Monitor m = Monitor.builder(MonitorId.of("dns"), TeamId.of("t"), spec)
        .setFrequency(Duration.ofSeconds(30)).setTimeout(Duration.ofMillis(700)).build();
    return new DnsChecker(clock, pool).check(m).get(10, TimeUnit.SECONDS);
  }

  @Test
  void check_expectedAddressesPresent_isUp() throws Exception {
    CheckResult r = check("app.test", "A", Set.of("192.0.2.10"));
    assertThat(r.isUp()).isTrue();
    assertThat(r.details()).containsEntry("answers", "192.0.2.10, 192.0.2.11");
  }

  @Test
  void check_mxRecord_comparedWithoutTrailingDot() throws Exception {
    assertThat(check("app.test", "mx", Set.of("10 MAIL.app.test")).isUp()).isTrue();
  }

  @Test
  void check_expectedAddressMissing_isDownListingBoth() throws Exception {
    CheckResult r = check("app.test", "A", Set.of("192.0.2.99"));
    assertThat(r.isUp()).isFalse();
    assertThat(r.failureCause())
        .isEqualTo("expected [192.0.2.99] in A answer for app.test, got [192.0.2.10, 192.0.2.11]");
  }

  @Test
  void check_nxdomain_isDown() throws Exception {
    assertThat(check("missing.test", "A", Set.of()).failureCause())
        .isEqualTo("DNS NXDOMAIN for missing.test A");
  }

  @Test
  void check_noRecordOfType_isDown() throws Exception {
    assertThat(check("app.test", "AAAA", Set.of()).failureCause())
        .isEqualTo("no AAAA record for app.test");
  }

  @Test
  void check_serverNeverAnswers_timesOut() throws Exception {
    CheckResult r = check("silent.test", "A", Set.of());
    assertThat(r.isUp()).isFalse();
    assertThat(r.failureCause()).contains("timed out");
  }

  @Test
  void check_unknownRecordType_isDownWithoutQuerying() throws Exception {
    assertThat(check("app.test", "BOGUS", Set.of()).failureCause())
        .isEqualTo("unknown DNS record type 'BOGUS'");
  }
}
