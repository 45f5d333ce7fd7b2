package dev.obskit.billing.cost;

import java.time.LocalDate;
import java.util.List;

/**
 * Where cost records live, upserted on their natural key with a version that grows on every
 * change (a JDBC implementation: {@code INSERT ... ON CONFLICT (key) DO UPDATE ... version =
 * version + 1}). Implementations are thread-safe.
 */
public interface CostRepository {
  /** Inserts or replaces the record with the same natural key. */
  UpsertOutcome upsert(CostRecord record);

  /** Returns the stored version of the key, 0 when absent. */
  long version(CostRecord.Key key);

  /** Returns the records whose date is in {@code [from, to]}, ordered by date then key. */
  List<CostRecord> between(LocalDate from, LocalDate to);

  /** Returns an empty in-memory repository. */
  static CostRepository inMemory() {
    return new InMemoryCostRepository();
  }
}
