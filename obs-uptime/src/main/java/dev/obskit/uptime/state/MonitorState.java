package dev.obskit.uptime.state;

/** A monitor's displayed state. */
public enum MonitorState {
  /** Checks pass (or a DOWN monitor completed its recovery period). */
  UP,
  /** Failures lasted the confirmation period; the alert is open. */
  DOWN,
  /** Not checked yet, or failing but not yet confirmed. */
  PENDING,
  /** Inside a maintenance window: failures raise nothing, time is booked as maintenance. */
  MAINTENANCE,
  /** Paused by a user: not checked, time not counted. */
  PAUSED
}
