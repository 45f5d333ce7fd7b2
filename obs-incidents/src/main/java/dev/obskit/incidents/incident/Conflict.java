package dev.obskit.incidents.incident;

/** Why an expected-but-refused transition did nothing. These are answers, not errors. */
public enum Conflict {
  /** Someone else acknowledged first (or it was already acknowledged). */
  ALREADY_ACKNOWLEDGED,
  /** The incident is already resolved. */
  ALREADY_RESOLVED,
  /** Re-open asked for an incident that is still open. */
  NOT_RESOLVED,
  /** Re-open refused because another incident is open for the same dedup key. */
  DEDUP_KEY_IN_USE,
  /** The incident changed in a way that makes the request moot (e.g. escalation already advanced). */
  STATE_CHANGED,
  /** The role assignment would change nothing (already held, or not held). */
  ROLE_UNCHANGED,
  /** Too many concurrent writers; the caller may try again. */
  CONTENDED
}
