package dev.obskit.incidents.incident;

/** Where an incident is in its life: TRIGGERED, then ACKNOWLEDGED, then RESOLVED. */
public enum IncidentStatus {
  /** Open and nobody has taken it; escalation runs. */
  TRIGGERED,
  /** Someone is on it; escalation is paused until the acknowledgement times out. */
  ACKNOWLEDGED,
  /** Closed; a re-open brings it back to TRIGGERED. */
  RESOLVED;

  /** Returns whether the incident is still open. */
  public boolean isOpen() {
    return this != RESOLVED;
  }
}
