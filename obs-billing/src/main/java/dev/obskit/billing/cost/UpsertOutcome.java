package dev.obskit.billing.cost;

/** What an upsert did. */
public enum UpsertOutcome {
  /** No record had that key. */
  INSERTED,
  /** A record with that key had other figures; it was replaced and its version bumped. */
  UPDATED,
  /** The same figures were already stored. */
  UNCHANGED
}
