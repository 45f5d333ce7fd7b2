package dev.obskit.core.alert;

/** What an {@link AlertEvent} reports, after PagerDuty Events API v2's {@code event_action}. */
public enum AlertAction {
  /** A new alert opened for a dedup key that had no open alert. */
  TRIGGERED,
  /** A trigger arrived for a key that already had an open alert; it was merged into it. */
  MERGED,
  /** Someone or something acknowledged the open alert. */
  ACKNOWLEDGED,
  /** The open alert was resolved; the next trigger for its key opens a new one. */
  RESOLVED
}
