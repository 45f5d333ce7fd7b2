package dev.obskit.statuspages;

/** Where a maintenance window stands; moved on the kit clock. */
public enum MaintenanceStatus {
  /** Announced, not started. */
  SCHEDULED,
  /** Under way: its resources show {@link ComponentStatus#UNDER_MAINTENANCE}. */
  IN_PROGRESS,
  /** Over. */
  COMPLETED,
  /** Called off before it ended. */
  CANCELLED;

  /** Returns Statuspage's wire name. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
