package dev.obskit.core.usage;

import dev.obskit.core.id.TeamId;

/**
 * The enforcement hook: asks whether a team may consume {@code quantity} more of a meter in the
 * current period. obs-billing provides the real gate; modules that enforce (obs-errors answering
 * 429 over quota) ask through this interface so they never depend on obs-billing. Must be fast
 * (called on ingest paths), never throw and never block. Thread-safe.
 */
@FunctionalInterface
public interface QuotaGate {
  /** Decides for one action. */
  QuotaDecision check(TeamId teamId, String meter, long quantity);

  /** Returns a gate that allows everything. */
  static QuotaGate allowAll() {
    return (teamId, meter, quantity) -> QuotaDecision.unlimited();
  }
}
