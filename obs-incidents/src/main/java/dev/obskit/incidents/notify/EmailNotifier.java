package dev.obskit.incidents.notify;

import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import dev.obskit.core.notify.Link;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Notifier;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Renders notifications as plain-text e-mail and hands them to an {@link EmailSender}. Thread-safe
 * if the sender is.
 */
public final class EmailNotifier implements Notifier {
  private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>,;]{1,64}@[^@\\s<>,;]{1,255}$");
  private final EmailSender sender;
  private final String from;

  /** Creates a notifier sending from {@code from} through {@code sender}. */
  public EmailNotifier(EmailSender sender, String from) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.from = Objects.requireNonNull(from, "from");
    if (!ADDRESS.matcher(from).matches()) {
      throw new IllegalArgumentException("from must be a plain e-mail address, got '" + from + "'");
    }
  }

  @Override
  public ChannelKind channel() {
    return ChannelKind.EMAIL;
  }

  @Override
  public String getName() {
    return "email-" + sender.getName();
  }

  @Override
  public DeliveryResult send(Notification n) {
    String to = n.recipient().address();
    if (!ADDRESS.matcher(to).matches()) {
      return DeliveryResult.failed(DeliveryStatus.PERMANENT_FAILURE, 0,
          "e-mail address of " + n.recipient().displayName() + " is malformed", Duration.ZERO);
    }
    try {
      return sender.send(render(n, from));
    } catch (RuntimeException e) {
      return DeliveryResult.failed(DeliveryStatus.RETRYABLE_FAILURE, 1,
          sender.getName() + " threw " + e.getClass().getSimpleName(), Duration.ZERO);
    }
  }

  /** Returns the message sent for {@code n}. */
  public static EmailMessage render(Notification n, String from) {
    StringBuilder text = new StringBuilder();
    text.append(n.title()).append("\n\n");
    if (!n.body().isEmpty() && !n.body().equals(n.title())) {
      text.append(n.body()).append("\n\n");
    }
    for (Map.Entry<String, String> f : n.fields().entrySet()) {
      text.append(f.getKey()).append(": ").append(f.getValue()).append('\n');
    }
    text.append('\n');
    if (n.acknowledgeAction() != null) {
      text.append("Acknowledge: ").append(n.acknowledgeAction().url()).append('\n');
    }
    if (n.resolveAction() != null) {
      text.append("Resolve: ").append(n.resolveAction().url()).append('\n');
    }
    for (Link l : n.links()) {
      text.append(l.label()).append(": ").append(l.url()).append('\n');
    }
    return new EmailMessage(from, n.recipient().address(), n.title(), text.toString(), n.id());
  }
}
