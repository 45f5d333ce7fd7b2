package dev.obskit.incidents.notify;

import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;

/**
 * SMTP through Angus Mail (Jakarta Mail 2). Optional: needs {@code org.eclipse.angus:angus-mail} on
 * the class path; nothing else in the module loads this class. Connect, read and write are bounded
 * by {@code timeout}. Thread-safe (a Session is; each send opens its own transport).
 */
public final class AngusMailSender implements EmailSender {
  /** Default bound on connect, read and write each. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private final Session session;
  private final String username;
  private final String password;
  private final String host;

  /**
   * Creates a sender for {@code host:port}; {@code username} null for no authentication; {@code
   * startTls} requires STARTTLS.
   */
  public AngusMailSender(String host, int port, String username, String password, boolean startTls,
      Duration timeout) {
    this.host = Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SMTP port must be 1-65535, got " + port);
    }
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", Integer.toString(port));
    p.put("mail.smtp.auth", Boolean.toString(username != null));
    p.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
    p.put("mail.smtp.starttls.required", Boolean.toString(startTls));
    String ms = Long.toString(Objects.requireNonNull(timeout, "timeout").toMillis());
    p.put("mail.smtp.connectiontimeout", ms);
    p.put("mail.smtp.timeout", ms);
    p.put("mail.smtp.writetimeout", ms);
    this.session = Session.getInstance(p);
    this.username = username;
    this.password = password;
  }

  @Override
  public String getName() {
    return "smtp";
  }

  @Override
  public DeliveryResult send(EmailMessage message) {
    long start = System.nanoTime();
    try {
      MimeMessage mime = toMime(message);
      if (username != null) {
        Transport.send(mime, username, password);
      } else {
        Transport.send(mime);
      }
      return DeliveryResult.delivered(1, Duration.ofNanos(System.nanoTime() - start));
    } catch (AuthenticationFailedException | SendFailedException e) {
      return DeliveryResult.failed(DeliveryStatus.PERMANENT_FAILURE, 1,
          e.getClass().getSimpleName() + " from " + host, Duration.ofNanos(System.nanoTime() - start));
    } catch (MessagingException e) {
      return DeliveryResult.failed(DeliveryStatus.RETRYABLE_FAILURE, 1,
          e.getClass().getSimpleName() + " talking to " + host,
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Returns the MIME message sent for {@code message}. */
  public MimeMessage toMime(EmailMessage message) throws MessagingException {
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(new InternetAddress(message.from(), true));
    mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.to(), true));
    mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
    mime.setText(message.text(), StandardCharsets.UTF_8.name());
    mime.setSentDate(new Date());
    mime.setHeader("X-ObsKit-Notification", message.messageId());
    return mime;
  }
}
