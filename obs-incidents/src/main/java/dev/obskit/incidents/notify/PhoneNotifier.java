package dev.obskit.incidents.notify;

import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Notifier;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Delivers SMS or voice notifications through a {@link PhoneGateway}. SMS text is the title plus
 * the acknowledge link, cut to {@value #MAX_SMS} characters; a call reads the title twice. Thread-safe
 * if the gateway is.
 */
public final class PhoneNotifier implements Notifier {
  /** Longest SMS text sent (ten GSM segments, Twilio's limit is 1600). */
  public static final int MAX_SMS = 640;
  static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");
  private final ChannelKind channel;
  private final PhoneGateway gateway;

  /** Creates an SMS notifier. */
  public static PhoneNotifier sms(PhoneGateway gateway) {
    return new PhoneNotifier(ChannelKind.SMS, gateway);
  }

  /** Creates a voice-call notifier. */
  public static PhoneNotifier voice(PhoneGateway gateway) {
    return new PhoneNotifier(ChannelKind.VOICE, gateway);
  }

  private PhoneNotifier(ChannelKind channel, PhoneGateway gateway) {
    this.channel = channel;
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  @Override
  public ChannelKind channel() {
    return channel;
  }

  @Override
  public String getName() {
    return channel.name().toLowerCase(java.util.Locale.ROOT) + "-" + gateway.getName();
  }

  @Override
  public DeliveryResult send(Notification n) {
    String to = n.recipient().address();
    if (!E164.matcher(to).matches()) {
      return DeliveryResult.failed(DeliveryStatus.PERMANENT_FAILURE, 0, "phone number of "
          + n.recipient().displayName() + " is not E.164", Duration.ZERO);
    }
    try {
      return channel == ChannelKind.SMS ? gateway.sendSms(to, smsText(n))
          : gateway.call(to, spokenText(n));
    } catch (RuntimeException e) {
      return DeliveryResult.failed(DeliveryStatus.RETRYABLE_FAILURE, 1,
          gateway.getName() + " threw " + e.getClass().getSimpleName(), Duration.ZERO);
    }
  }

  /** Returns the SMS text for {@code n}. */
  public static String smsText(Notification n) {
    String ack = n.acknowledgeAction() == null ? "" : " Ack: " + n.acknowledgeAction().url();
    String text = n.title() + ack;
    return text.length() <= MAX_SMS ? text : n.title().substring(0,
        Math.max(0, MAX_SMS - ack.length() - 1)) + "…" + ack;
  }

  /** Returns what a call reads aloud for {@code n}. */
  public static String spokenText(Notification n) {
    String line = "ObsKit alert. " + n.title().replace('[', ' ').replace(']', ' ').trim() + ".";
    return line + " I repeat. " + line;
  }
}
