package dev.obskit.statuspages;

/**
 * The status of a status page resource, in Atlassian Statuspage's vocabulary, ordered from best to
 * worst for display ({@link #worse}); maintenance ranks between degraded and outages.
 */
public enum ComponentStatus {
  /** Working normally. */
  OPERATIONAL("operational", 0),
  /** Working, slower or with errors. */
  DEGRADED("degraded_performance", 2),
  /** Down for some users. */
  PARTIAL_OUTAGE("partial_outage", 3),
  /** Down. */
  MAJOR_OUTAGE("major_outage", 4),
  /** Planned work in progress. */
  UNDER_MAINTENANCE("under_maintenance", 1);

  private final String wireName;
  private final int severity;

  ComponentStatus(String wireName, int severity) {
    this.wireName = wireName;
    this.severity = severity;
  }

  /** Returns the name used by Statuspage's JSON ({@code degraded_performance}, ...). */
  public String wireName() {
    return wireName;
  }

  /** Returns the more severe of this and {@code other}. */
  public ComponentStatus worse(ComponentStatus other) {
    return other.severity > severity ? other : this;
  }

  /** Returns Statuspage's page indicator for this status as the worst on a page. */
  public String indicator() {
    return switch (this) {
      case OPERATIONAL, UNDER_MAINTENANCE -> "none";
      case DEGRADED -> "minor";
      case PARTIAL_OUTAGE -> "major";
      case MAJOR_OUTAGE -> "critical";
    };
  }
}
