package dev.obskit.uptime.maintenance;

import java.time.Instant;

/**
 * A period during which a monitor's failures raise nothing and its downtime is not counted
 * (the time is booked as maintenance instead). Immutable and thread-safe.
 */
public sealed interface MaintenanceWindow permits OneOffWindow, RecurringWindow {

  /** Returns whether {@code instant} falls inside the window. */
  boolean covers(Instant instant);
}
