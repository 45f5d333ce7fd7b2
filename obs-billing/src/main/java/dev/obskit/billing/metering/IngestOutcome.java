package dev.obskit.billing.metering;

/** What happened to one usage event offered to the meter. */
public enum IngestOutcome {
  /** Counted, and its idempotency key recorded in the same write. */
  ACCEPTED,
  /** Its key was already counted for that team, meter and period with the same quantity. */
  DUPLICATE,
  /**
   * Its key was already counted for that team, meter and period with a <em>different</em>
   * quantity: a conflicting replay. Nothing changed; counted and dead-lettered, never retried.
   */
  CONFLICT,
  /**
   * Not meterable, for good (see {@link RejectReason}): an unknown meter, a timestamp outside the
   * accepted window, an absurd quantity, a UNIQUE_COUNT event without its dimension, one meter
   * name too many for the team's period, or a sum that would overflow. Dead-lettered with its
   * reason, never retried.
   */
  REJECTED,
  /** The write failed; nothing was counted and the key was not recorded, so a retry counts it. */
  FAILED
}
