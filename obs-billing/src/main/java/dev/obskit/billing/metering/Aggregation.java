package dev.obskit.billing.metering;

/**
 * How a meter folds a period's events into one value (Lago's and OpenMeter's aggregations). All are
 * order-independent, so shuffled or replayed events give the same value: LATEST breaks timestamp
 * ties by the larger idempotency key.
 */
public enum Aggregation {
  /** Number of events, whatever their quantity. */
  COUNT,
  /** Sum of quantities (bytes shipped, events accepted). */
  SUM,
  /** Largest quantity seen (peak monitors, peak storage). */
  MAX,
  /** Number of distinct values of the meter's unique dimension (active users). */
  UNIQUE_COUNT,
  /** Quantity of the event with the latest timestamp (a gauge such as responders configured). */
  LATEST
}
