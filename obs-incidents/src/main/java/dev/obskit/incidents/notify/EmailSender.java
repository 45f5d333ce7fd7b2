package dev.obskit.incidents.notify;

import dev.obskit.core.notify.DeliveryResult;

/**
 * The e-mail transport SPI behind {@link EmailNotifier}: SMTP through {@code AngusMailSender}
 * (needs the optional {@code org.eclipse.angus:angus-mail}), or a host's own (SES, SendGrid API).
 * Implementations never throw, make one attempt, bound their blocking by their own timeouts, and
 * are thread-safe.
 */
public interface EmailSender {
  /** Returns a short name for logs. */
  String getName();

  /** Sends one message; never throws. */
  DeliveryResult send(EmailMessage message);
}
