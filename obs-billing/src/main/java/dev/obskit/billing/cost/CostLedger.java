package dev.obskit.billing.cost;

import dev.obskit.billing.money.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What running the product costs: runs {@link CostCollector}s day by day into a {@link
 * CostRepository} (idempotent: a day can be synced any number of times) and records manual
 * adjustments as their own rows, never overwriting collected ones. Thread-safe; {@link #sync}
 * blocks for as long as the collectors take, at most {@link #SYNC_TIMEOUT}.
 */
public final class CostLedger {
  private static final Logger LOG = LoggerFactory.getLogger(CostLedger.class);

  private final CostRepository repository;
  private final Clock clock;
  private final List<CostCollector> collectors = new CopyOnWriteArrayList<>();
  private final AtomicLong manualSequence = new AtomicLong();
  private final Map<String, SortedSet<LocalDate>> missed = new ConcurrentHashMap<>();

  /** How long one sync waits for its collectors. */
  public static final Duration SYNC_TIMEOUT = Duration.ofMinutes(10);
  /** How many failed days per collector are kept for retry. */
  public static final int MAX_MISSED_DAYS = 62;

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
   * Runs every collector for {@code day} and upserts what they return, each collector on its own
   * thread so a slow or hanging one never delays the others beyond {@link #SYNC_TIMEOUT}. A
   * collector that fails (or times out) is logged and reported, and the day is kept: the next sync
   * retries it first (the failed day is collected again the next day), up to {@link
   * #MAX_MISSED_DAYS} days back. Blocks until every collector finished or the timeout passed.
   */
  public SyncReport sync(LocalDate day) {
    Objects.requireNonNull(day, "day");
    Map<UpsertOutcome, Integer> counts = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    Map<String, List<LocalDate>> recovered = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "obs-billing-cost-sync");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<CostCollector, Future<?>> running = new LinkedHashMap<>();
      for (CostCollector collector : collectors) {
        running.put(collector, pool.submit(() -> syncCollector(collector, day, counts, failures,
            recovered)));
      }
      long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
      running.forEach((collector, future) -> await(collector, day, future, deadline, failures));
    } finally {
      pool.shutdownNow();
    }
    return new SyncReport(day, counts, failures, recovered, missedDays());
  }

  private void syncCollector(CostCollector collector, LocalDate day,
      Map<UpsertOutcome, Integer> counts, Map<String, String> failures,
      Map<String, List<LocalDate>> recovered) {
    SortedSet<LocalDate> days = new TreeSet<>(missed(collector).headSet(day));
    days.add(day);
    for (LocalDate d : days) {
      try {
        for (CostRecord record : collector.collect(d)) {
          counts.merge(repository.upsert(record), 1, Integer::sum);
        }
        missed(collector).remove(d);
        if (!d.equals(day)) {
          recovered.computeIfAbsent(collector.getName(), k -> new CopyOnWriteArrayList<>()).add(d);
        }
      } catch (RuntimeException e) {
        LOG.warn("cost collector {} failed for {}; retried at the next sync: {}",
            collector.getName(), d, e.getMessage());
        failures.merge(collector.getName(), d + ": " + e.getMessage(), (a, b) -> a + "; " + b);
        remember(collector, d);
      }
    }
  }

  private void await(CostCollector collector, LocalDate day, Future<?> future, long deadline,
      Map<String, String> failures) {
    try {
      future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      LOG.warn("cost collector {} did not finish within {}; retried at the next sync",
          collector.getName(), SYNC_TIMEOUT);
      failures.merge(collector.getName(), day + ": timed out after " + SYNC_TIMEOUT,
          (a, b) -> a + "; " + b);
      remember(collector, day);
    } catch (ExecutionException e) {
      failures.merge(collector.getName(), day + ": " + e.getCause(), (a, b) -> a + "; " + b);
      remember(collector, day);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
    }
  }

  private SortedSet<LocalDate> missed(CostCollector collector) {
    return missed.computeIfAbsent(collector.getName(), k -> new ConcurrentSkipListSet<>());
  }

  private void remember(CostCollector collector, LocalDate day) {
    SortedSet<LocalDate> days = missed(collector);
    days.add(day);
    while (days.size() > MAX_MISSED_DAYS) {
      LocalDate dropped = days.first();
      days.remove(dropped);
      LOG.error("cost collector {} kept failing; {} is no longer retried", collector.getName(),
          dropped);
    }
  }

  /** Returns, per collector name, the days that failed and wait for the next sync. */
  public Map<String, List<LocalDate>> missedDays() {
    Map<String, List<LocalDate>> result = new TreeMap<>();
    missed.forEach((name, days) -> {
      if (!days.isEmpty()) {
        result.put(name, List.copyOf(days));
      }
    });
    return result;
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
   * @param failures error messages by collector name (each prefixed with the failed day)
   * @param recovered earlier failed days collected by this sync, by collector name
   * @param missed days still waiting for a retry, by collector name
   */
  public record SyncReport(LocalDate day, Map<UpsertOutcome, Integer> outcomes,
      Map<String, String> failures, Map<String, List<LocalDate>> recovered,
      Map<String, List<LocalDate>> missed) {
    /** Copies the maps. */
    public SyncReport {
      outcomes = Map.copyOf(outcomes);
      failures = Map.copyOf(failures);
      recovered = Map.copyOf(recovered);
      missed = Map.copyOf(missed);
    }

    /** Returns how many records had the given outcome. */
    public int count(UpsertOutcome outcome) {
      return outcomes.getOrDefault(outcome, 0);
    }
  }
}
