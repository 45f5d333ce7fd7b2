package dev.obskit.incidents.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmailNotifierTest {

  /** A tiny SMTP listener: accepts one session, answers the RFC 5321 happy path, keeps the dialogue. */
  private static final class TinySmtp implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    final List<String> commands = new ArrayList<>();
    final StringBuilder data = new StringBuilder();
    final CompletableFuture<Void> done = CompletableFuture.runAsync(this::serve);
    final int rejectRcptWith;

    TinySmtp(int rejectRcptWith) throws IOException {
      this.rejectRcptWith = rejectRcptWith;
    }

    private void serve() {
      try (Socket s = socket.accept()) {
        s.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
            StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        reply(out, "220 tiny ESMTP");
        String line;
        boolean inData = false;
        while ((line = in.readLine()) != null) {
          if (inData) {
            if (line.equals(".")) {
              inData = false;
              reply(out, "250 queued");
            } else {
              data.append(line).append('\n');
            }
            continue;
          }
          commands.add(line);
          String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
          switch (cmd) {
            case "EHLO":
              reply(out, "250-tiny\r\n250 8BITMIME");
              break;
            case "RCPT":
              reply(out, rejectRcptWith > 0 ? rejectRcptWith + " no such user" : "250 ok");
              break;
            case "DATA":
              inData = true;
              reply(out, "354 go ahead");
              break;
            case "QUIT":
              reply(out, "221 bye");
              return;
            default:
              reply(out, "250 ok");
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void reply(OutputStream out, String text) throws IOException {
      out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void render_buildsPlainTextWithFieldsAndActionLinks() {
    EmailMessage m = EmailNotifier.render(Notifications.sample(ChannelKind.EMAIL, "alice@example.com"),
        "oncall@obs.example");
    assertThat(m.subject()).isEqualTo("[SEV1] Checkout: HTTP 503 on /pay");
    assertThat(m.text()).isEqualTo("[SEV1] Checkout: HTTP 503 on /pay\n\n"
        + "HTTP 503 on /pay\n\n"
        + "Service: Checkout\nSeverity: SEV1\n\n"
        + "Acknowledge: https://obs.example/i/team-a/inc-7/acknowledge?token=t1\n"
        + "Resolve: https://obs.example/i/team-a/inc-7/resolve?token=t2\n"
        + "Incident inc-7: https://obs.example/i/team-a/inc-7\n"
        + "Runbook: https://runbooks.example/checkout\n");
  }

  @Test
  void subjectHeaderInjection_isFlattened() {
    EmailMessage m = new EmailMessage("a@b.c", "d@e.f", "hi\r\nBcc: evil@x.y", "", "id");
    assertThat(m.subject()).isEqualTo("hi Bcc: evil@x.y");
  }

  @Test
  void angusMail_deliversToALocalSmtpListener() throws Exception {
    try (TinySmtp smtp = new TinySmtp(0)) {
      AngusMailSender sender = new AngusMailSender("127.0.0.1", smtp.socket.getLocalPort(), null,
          null, false, Duration.ofSeconds(5));
      DeliveryResult r = new EmailNotifier(sender, "oncall@obs.example")
          .send(Notifications.sample(ChannelKind.EMAIL, "alice@example.com"));
      assertThat(r.isDelivered()).as(r.detail()).isTrue();
      smtp.done.get(10, TimeUnit.SECONDS);
      assertThat(smtp.commands).contains("MAIL FROM:<oncall@obs.example>", "RCPT TO:<alice@example.com>");
      String data = smtp.data.toString();
      assertThat(data).contains("Subject: [SEV1] Checkout: HTTP 503 on /pay");
      assertThat(data).contains("X-ObsKit-Notification: inc-7-p1-1");
      assertThat(data).contains("Acknowledge: https://obs.example/i/team-a/inc-7/acknowledge?token=t1");
    }
  }

  @Test
  void rejectedRecipient_isPermanent_andDeadServerRetryable() throws Exception {
    try (TinySmtp smtp = new TinySmtp(550)) {
      AngusMailSender sender = new AngusMailSender("127.0.0.1", smtp.socket.getLocalPort(), null,
          null, false, Duration.ofSeconds(5));
      DeliveryResult r = sender.send(new EmailMessage("a@obs.example", "nobody@example.com", "s",
          "t", "id"));
      assertThat(r.status()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
    }
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    AngusMailSender dead = new AngusMailSender("127.0.0.1", closedPort, null, null, false,
        Duration.ofSeconds(2));
    assertThat(dead.send(new EmailMessage("a@obs.example", "b@example.com", "s", "t", "id")).status())
        .isEqualTo(DeliveryStatus.RETRYABLE_FAILURE);
  }

  @Test
  void malformedAddress_isPermanent_withoutTouchingTheSender() {
    EmailSender never = new EmailSender() {
      @Override
      public String getName() {
        return "never";
      }

      @Override
      public DeliveryResult send(EmailMessage message) {
        throw new AssertionError("must not be called");
      }
    };
    assertThat(new EmailNotifier(never, "a@obs.example")
        .send(Notifications.sample(ChannelKind.EMAIL, "bob@example.com>, evil@x.y")).status())
        .isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
  }
}
