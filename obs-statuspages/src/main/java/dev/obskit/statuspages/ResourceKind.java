package dev.obskit.statuspages;

/** Where a resource's status comes from. */
public enum ResourceKind {
  /** An uptime monitor, read through the kit's {@code AvailabilityView}. */
  MONITOR,
  /** A heartbeat, read through the kit's {@code AvailabilityView}. */
  HEARTBEAT,
  /** A component whose status is set by hand (and by status reports). */
  MANUAL
}
