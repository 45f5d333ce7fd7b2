package dev.obskit.incidents.incident;

/** What a {@link TimelineEntry} records. */
public enum TimelineEventType {
  /** The incident was opened (from an alert or by hand). */
  OPENED,
  /** An alert arrived and was attached (the first one, or a repeat merged by dedup key). */
  ALERT_RECEIVED,
  /** The source alert was resolved (auto-resolve may follow). */
  ALERT_RESOLVED,
  /** An escalation step ran and paged its targets. */
  ESCALATED,
  /** A step's schedule had nobody on call, or a target could not be paged; escalation moved on. */
  ESCALATION_SKIPPED,
  /** A branching step evaluated its condition: taken (handed over) or not (went on). */
  ESCALATION_BRANCHED,
  /** Every step and repeat ran without an acknowledgement. */
  ESCALATION_EXHAUSTED,
  /** One notification delivery attempt and its outcome. */
  NOTIFIED,
  /** Someone acknowledged. */
  ACKNOWLEDGED,
  /** An acknowledgement timed out and the incident returned to TRIGGERED. */
  ACK_TIMED_OUT,
  /** The incident was resolved. */
  RESOLVED,
  /** A resolved incident was opened again. */
  REOPENED,
  /** A role was given to a user. */
  ROLE_ASSIGNED,
  /** A user stopped holding a role. */
  ROLE_UNASSIGNED,
  /** Severity changed. */
  SEVERITY_CHANGED,
  /** A free-form note. */
  NOTE_ADDED,
  /** A status-page update was posted. */
  STATUS_PAGE_UPDATE
}
