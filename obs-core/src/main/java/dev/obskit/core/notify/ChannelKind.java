package dev.obskit.core.notify;

/** The kinds of channel a {@link Notifier} can deliver through. */
public enum ChannelKind {
  /** Slack incoming webhook (Block Kit JSON). */
  SLACK,
  /** Microsoft Teams incoming webhook (Adaptive Card). */
  MS_TEAMS,
  /** Any HTTP endpoint, signed JSON. */
  WEBHOOK,
  /** E-mail. */
  EMAIL,
  /** Text message. */
  SMS,
  /** Phone call. */
  VOICE
}
