package dev.obskit.billing.metering;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.UsageEvent;
import java.time.YearMonth;

/**
 * Where metered usage is stored. The contract that makes ingestion idempotent without OpenMeter's
 * lost-retry bug: {@link #record} stores the event's effect <em>and</em> its idempotency key in one
 * atomic write. If the write fails, neither is stored and the caller sees {@link
 * IngestOutcome#FAILED}, so a retry with the same key is counted; if it succeeds, a repeat is a
 * {@link IngestOutcome#DUPLICATE}. (A JDBC ledger does the insert of the key row and the update of
 * the aggregate in one transaction, with a unique index on team, period and key.)
 *
 * <p>Keys are scoped by team, meter and period: the same key from two tenants, or on two meters,
 * counts for each (OpenMeter's cross-tenant dedupe warning), and one occurrence has one timestamp,
 * hence one period. A key replayed with a different quantity is a {@link IngestOutcome#CONFLICT},
 * not a silent duplicate (the in-memory ledger and obs-store-jdbc's both keep the quantity with
 * the key). Thread-safe.
 */
public interface UsageLedger {
  /** Atomically counts the event and records its key, or does neither. */
  IngestOutcome record(BillingPeriod period, MeterDefinition meter, UsageEvent event);

  /** Returns the team's usage for the period so far. */
  UsageRecord usage(TeamId teamId, BillingPeriod period);

  /** Returns one meter's current value for the team's period, 0 when none. */
  long value(TeamId teamId, BillingPeriod period, String meter);

  /** Returns whether the key was counted in the team's period (on any meter). */
  boolean hasSeen(TeamId teamId, BillingPeriod period, String idempotencyKey);

  /** Returns whether the key was counted for {@code meter} in the team's period. */
  default boolean hasSeen(TeamId teamId, BillingPeriod period, String meter, String idempotencyKey) {
    return hasSeen(teamId, period, idempotencyKey);
  }

  /**
   * Forgets the keys of periods before {@code month} (their usage records stay). Events for those
   * periods arriving later are then not deduplicated, so call it only after the periods closed
   * and their invoices were issued.
   */
  void forgetKeysBefore(YearMonth month);

  /** Returns an empty in-memory ledger. */
  static UsageLedger inMemory() {
    return new InMemoryUsageLedger();
  }
}
