package dev.obskit.billing.cost;

import dev.obskit.billing.money.Money;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What running the product costs: runs {@link CostCollector}s day by day into a {@link
 * CostRepository} (idempotent: a day can be synced any number of times) and records manual
 * adjustments as their own rows, never overwriting collected ones. Thread-safe; {@link #sync}
 * blocks for as long as the collectors take.
 */
public final class CostLedger {
  private static final Logger LOG = LoggerFactory.getLogger(CostLedger.class);

  private final CostRepository repository;
  private final Clock clock;
  private final List<CostCollector> collectors = new CopyOnWriteArrayList<>();
  private final AtomicLong manualSequence = new AtomicLong();

  /** Creates a ledger over {@code repository}. */
  public CostLedger(CostRepository repository, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Adds a collector run by {@link #sync}. */
  public CostLedger addCollector(CostCollector collector) {
    collectors.add(Objects.requireNonNull(collector, "collector"));
    return this;
  }

  /**
   * Runs every collector for {@code day} and upserts what they return. A failing collector is
   * logged and reported; the others still run.
   */
  public SyncReport sync(LocalDate day) {
    Objects.requireNonNull(day, "day");
    Map<UpsertOutcome, Integer> counts = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (CostCollector collector : collectors) {
      try {
        for (CostRecord record : collector.collect(day)) {
          counts.merge(repository.upsert(record), 1, Integer::sum);
        }
      } catch (RuntimeException e) {
        LOG.warn("cost collector {} failed for {}", collector.getName(), day, e);
        failures.put(collector.getName(), String.valueOf(e.getMessage()));
      }
    }
    return new SyncReport(day, counts, failures);
  }

  /** Stores a record as-is (upsert on its natural key). */
  public UpsertOutcome record(CostRecord record) {
    return repository.upsert(record);
  }

  /**
   * Adds a manual adjustment (source MANUAL, category ADJUSTMENT) as its own row with a unique
   * sku, so it adds to whatever was collected for that day instead of replacing it.
   */
  public CostRecord addManualAdjustment(String provider, String accountId, String service,
      LocalDate date, Money amount, String note) {
    String sku = "manual-" + clock.millis() + "-" + manualSequence.incrementAndGet();
    CostRecord record = new CostRecord(provider, accountId, service, sku, date,
        ChargeCategory.ADJUSTMENT, amount, CostSource.MANUAL, clock.instant(), note);
    repository.upsert(record);
    return record;
  }

  /** Returns the stored records dated in {@code [from, to]}. */
  public List<CostRecord> between(LocalDate from, LocalDate to) {
    return new ArrayList<>(repository.between(from, to));
  }

  /** Returns the repository. */
  public CostRepository repository() {
    return repository;
  }

  /**
   * What one sync did.
   *
   * @param day the synced day
   * @param outcomes how many records were inserted, updated or unchanged
   * @param failures error message by collector name
   */
  public record SyncReport(LocalDate day, Map<UpsertOutcome, Integer> outcomes,
      Map<String, String> failures) {
    /** Copies the maps. */
    public SyncReport {
      outcomes = Map.copyOf(outcomes);
      failures = Map.copyOf(failures);
    }

    /** Returns how many records had the given outcome. */
    public int count(UpsertOutcome outcome) {
      return outcomes.getOrDefault(outcome, 0);
    }
  }
}
