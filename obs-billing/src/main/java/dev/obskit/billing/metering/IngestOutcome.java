package dev.obskit.billing.metering;

/** What happened to one usage event offered to the meter. */
public enum IngestOutcome {
  /** Counted, and its idempotency key recorded in the same write. */
  ACCEPTED,
  /** Its key was already counted in that team's period; nothing changed. */
  DUPLICATE,
  /**
   * Not meterable: a UNIQUE_COUNT event without its dimension, a timestamp more than a day in the
   * future, or one meter name too many for the team's period. Logged, never retried.
   */
  REJECTED,
  /** The write failed; nothing was counted and the key was not recorded, so a retry counts it. */
  FAILED
}
