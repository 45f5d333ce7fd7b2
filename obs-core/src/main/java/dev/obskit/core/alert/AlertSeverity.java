package dev.obskit.core.alert;

/** Severity of an alert, with PagerDuty Events API v2's four levels, most severe first. */
public enum AlertSeverity {
  /** Service down or data at risk; page someone now. */
  CRITICAL,
  /** Something is broken for some users. */
  ERROR,
  /** Degraded or about to break (certificate expiring, quota at 95 %). */
  WARNING,
  /** Worth recording, not worth waking anyone for. */
  INFO
}
