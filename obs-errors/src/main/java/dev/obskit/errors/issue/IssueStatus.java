package dev.obskit.errors.issue;

/** Where an issue is in its lifecycle. */
public enum IssueStatus {
  /** Open: new events are expected to be looked at. */
  UNRESOLVED,
  /** Fixed; any new event is a regression. */
  RESOLVED,
  /**
   * Fixed in the next release: events from the release that was current when it was resolved (or
   * older) are expected; an event from a newer release is a regression.
   */
  RESOLVED_IN_NEXT_RELEASE,
  /** Fixed in a named release: events from that release or newer are regressions. */
  RESOLVED_IN_RELEASE,
  /** Muted, forever or until a condition (see {@link IgnoreCondition}). */
  IGNORED
}
