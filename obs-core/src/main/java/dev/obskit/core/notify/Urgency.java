package dev.obskit.core.notify;

/** How urgently a notification must reach a person; escalation policies map severity to it. */
public enum Urgency {
  /** Wake someone: phone, SMS and chat. */
  HIGH,
  /** Working hours: chat and e-mail. */
  LOW
}
