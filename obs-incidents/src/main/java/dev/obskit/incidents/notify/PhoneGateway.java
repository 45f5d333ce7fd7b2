package dev.obskit.incidents.notify;

import dev.obskit.core.notify.DeliveryResult;

/**
 * The SMS and voice-call SPI behind {@link PhoneNotifier}; {@link TwilioPhoneGateway} is the
 * shipped implementation. Implementations never throw, make one attempt, bound their blocking, and
 * are thread-safe. Numbers are E.164 ({@code +15551234567}).
 */
public interface PhoneGateway {
  /** Returns a short name for logs. */
  String getName();

  /** Sends a text message. */
  DeliveryResult sendSms(String to, String text);

  /** Places a call that reads {@code spokenText} aloud. */
  DeliveryResult call(String to, String spokenText);
}
