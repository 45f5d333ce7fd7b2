package dev.obskit.core.availability;

/** The current status of a monitor or heartbeat as an {@link AvailabilityView} reports it. */
public enum MonitorStatus {
  /** Checks pass (or pings arrive in time). */
  UP,
  /** Failures were confirmed; the monitor is down. */
  DOWN,
  /** Not checked yet, or failing but not yet confirmed. */
  PENDING,
  /** Inside a maintenance window. */
  MAINTENANCE,
  /** Paused: not checked, time not counted. */
  PAUSED
}
