package dev.obskit.statuspages;

/** Where a status report stands; it only moves forward. */
public enum ReportStatus {
  /** The problem is being looked at. */
  INVESTIGATING,
  /** The cause is known. */
  IDENTIFIED,
  /** A fix is in place and being watched. */
  MONITORING,
  /** Over. */
  RESOLVED;

  /** Returns Statuspage's wire name. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
