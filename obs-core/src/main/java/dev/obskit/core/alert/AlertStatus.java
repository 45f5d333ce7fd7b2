package dev.obskit.core.alert;

/** Where an alert is in its life. */
public enum AlertStatus {
  /** Open and unacknowledged. */
  TRIGGERED,
  /** Open and acknowledged. */
  ACKNOWLEDGED,
  /** Closed. */
  RESOLVED;

  /** Returns whether an alert in this status merges a new trigger with the same dedup key. */
  public boolean isOpen() {
    return this != RESOLVED;
  }
}
