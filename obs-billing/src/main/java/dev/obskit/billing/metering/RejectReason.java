package dev.obskit.billing.metering;

/** Why metering refused an event for good (it is never retried). */
public enum RejectReason {
  /** The meter is not in the catalog (an invented name must not take a real meter's place). */
  UNKNOWN_METER,
  /** Dated outside the open period (and the previous one while it takes late data), or too far ahead. */
  TIMESTAMP_OUT_OF_WINDOW,
  /** The quantity is above the meter's sanity limit. */
  QUANTITY_ABOVE_LIMIT,
  /** A UNIQUE_COUNT event without the counted dimension. */
  MISSING_DIMENSION,
  /** The team already has the most distinct meters one period may hold. */
  TOO_MANY_METERS,
  /** Adding the event would overflow the meter's 64-bit value. */
  OVERFLOW,
  /** Its idempotency key was counted with a different quantity (a conflicting replay). */
  CONFLICTING_REPLAY
}
