package dev.obskit.uptime.state;

/** How a stretch of time counts for availability. */
public enum Booking {
  /** Up time. */
  UP,
  /** Confirmed downtime. */
  DOWN,
  /** Maintenance: excluded from availability, kept apart from downtime. */
  MAINTENANCE
}
