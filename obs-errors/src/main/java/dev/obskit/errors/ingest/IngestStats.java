package dev.obskit.errors.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingestion endpoint, including what SDKs reported as discarded on their side
 * (client reports, by reason). Thread-safe.
 */
public final class IngestStats {
  final LongAdder events = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder transactions = new LongAdder();
  final LongAdder sessions = new LongAdder();
  final LongAdder attachments = new LongAdder();
  final LongAdder skippedItems = new LongAdder();
  final LongAdder rateLimited = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder overBudget = new LongAdder();
  private final ConcurrentHashMap<String, AtomicLong> clientDiscards = new ConcurrentHashMap<>();

  void clientDiscarded(String reason, long quantity) {
    if (clientDiscards.size() < 64 || clientDiscards.containsKey(reason)) {
      clientDiscards.computeIfAbsent(reason, k -> new AtomicLong()).addAndGet(quantity);
    }
  }

  /** Returns error events accepted. */
  public long events() {
    return events.sum();
  }

  /** Returns events acknowledged but not counted because their id was seen before. */
  public long duplicates() {
    return duplicates.sum();
  }

  /** Returns transaction items accepted (stored, or seen before). */
  public long transactions() {
    return transactions.sum();
  }

  /** Returns session updates applied to release health. */
  public long sessions() {
    return sessions.sum();
  }

  /** Returns attachment items stored. */
  public long attachments() {
    return attachments.sum();
  }

  /**
   * Returns items skipped: unknown types, unreadable sessions and client reports, and malformed
   * transactions (their reasons are in {@code ErrorsModule.items().skipped()}).
   */
  public long skippedItems() {
    return skippedItems.sum();
  }

  /** Returns requests answered 429. */
  public long rateLimited() {
    return rateLimited.sum();
  }

  /** Returns requests stopped by their CPU budget (also counted in {@link #rejected()}). */
  public long overBudget() {
    return overBudget.sum();
  }

  /** Returns requests answered with another 4xx (or 503 when out of memory). */
  public long rejected() {
    return rejected.sum();
  }

  /** Returns what SDKs reported they discarded, by reason ({@code queue_overflow}, ...). */
  public Map<String, Long> clientDiscards() {
    Map<String, Long> out = new java.util.TreeMap<>();
    clientDiscards.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
