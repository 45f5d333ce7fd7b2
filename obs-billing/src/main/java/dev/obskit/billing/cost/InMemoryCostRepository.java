package dev.obskit.billing.cost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/** {@link CostRepository} in memory, ordered by date. Thread-safe. */
final class InMemoryCostRepository implements CostRepository {
  private static final Comparator<CostRecord.Key> ORDER = Comparator
      .comparing(CostRecord.Key::date).thenComparing(CostRecord.Key::provider)
      .thenComparing(CostRecord.Key::accountId).thenComparing(CostRecord.Key::service)
      .thenComparing(CostRecord.Key::sku).thenComparing(CostRecord.Key::category)
      .thenComparing(CostRecord.Key::source);

  private final ConcurrentSkipListMap<CostRecord.Key, Stored> records =
      new ConcurrentSkipListMap<>(ORDER);

  @Override
  public UpsertOutcome upsert(CostRecord record) {
    AtomicReference<UpsertOutcome> outcome = new AtomicReference<>();
    records.compute(record.key(), (key, current) -> {
      if (current == null) {
        outcome.set(UpsertOutcome.INSERTED);
        return new Stored(record, 1);
      }
      if (current.record.sameFigures(record)) {
        outcome.set(UpsertOutcome.UNCHANGED);
        return current;
      }
      outcome.set(UpsertOutcome.UPDATED);
      return new Stored(record, current.version + 1);
    });
    return outcome.get();
  }

  @Override
  public long version(CostRecord.Key key) {
    Stored stored = records.get(key);
    return stored == null ? 0 : stored.version;
  }

  @Override
  public List<CostRecord> between(LocalDate from, LocalDate to) {
    List<CostRecord> result = new ArrayList<>();
    for (Stored stored : records.values()) {
      LocalDate date = stored.record.date();
      if (!date.isBefore(from) && !date.isAfter(to)) {
        result.add(stored.record);
      }
    }
    return result;
  }

  private record Stored(CostRecord record, long version) {}
}
