package dev.obskit.incidents.notify;

import java.util.Objects;

/**
 * A plain-text e-mail, transport-neutral. Immutable.
 *
 * @param from sender address
 * @param to recipient address
 * @param subject subject line (one line; line breaks are removed)
 * @param text plain-text body
 * @param messageId a stable id (the notification id) used for the Message-ID-like header
 */
public record EmailMessage(String from, String to, String subject, String text, String messageId) {
  /** Validates the components and flattens the subject to one line (header injection). */
  public EmailMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(messageId, "messageId");
    subject = subject.replaceAll("[\\r\\n]+", " ");
  }
}
