package dev.obskit.billing.metering;

import dev.obskit.core.usage.UsageEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;

/**
 * The running value of one meter in one team's period. Not thread-safe: guarded by its shard.
 * {@link #apply} either fully applies an event or throws without changing anything; {@link
 * #record} also keeps the event's idempotency key.
 */
final class MeterState {
  private final MeterDefinition meter;
  private long value;
  private long events;
  private long latestTimestamp = Long.MIN_VALUE;
  private String latestKey = "";
  private Set<String> uniques;
  /** Idempotency key to the quantity it was counted with. */
  private HashMap<String, Long> keys = new HashMap<>();

  MeterState(MeterDefinition meter) {
    this.meter = meter;
  }

  /**
   * Counts the event unless its key was counted before: DUPLICATE for the same quantity, CONFLICT
   * for another; FAILED (nothing kept, key released) when the value would overflow.
   */
  IngestOutcome record(UsageEvent event) {
    Long previous = keys.get(event.idempotencyKey()); // no boxing on the duplicate path
    if (previous != null) {
      return previous == event.quantity() ? IngestOutcome.DUPLICATE : IngestOutcome.CONFLICT;
    }
    keys.put(event.idempotencyKey(), event.quantity());
    try {
      apply(event);
    } catch (ArithmeticException overflow) {
      keys.remove(event.idempotencyKey());
      return IngestOutcome.FAILED;
    }
    return IngestOutcome.ACCEPTED;
  }

  boolean hasKey(String key) {
    return keys.containsKey(key);
  }

  int keyCount() {
    return keys.size();
  }

  void forgetKeys() {
    keys = new HashMap<>();
  }

  /** Applies the event; throws {@link ArithmeticException} on overflow, leaving state unchanged. */
  void apply(UsageEvent event) {
    long quantity = event.quantity();
    switch (meter.aggregation()) {
      case COUNT:
        value = Math.addExact(value, 1);
        break;
      case SUM:
        value = Math.addExact(value, quantity);
        break;
      case MAX:
        value = Math.max(value, quantity);
        break;
      case UNIQUE_COUNT:
        applyUnique(event);
        break;
      case LATEST:
        applyLatest(event);
        break;
      default:
        throw new IllegalStateException("unknown aggregation " + meter.aggregation());
    }
    events++;
  }

  private void applyUnique(UsageEvent event) {
    if (uniques == null) {
      uniques = new HashSet<>();
    }
    if (uniques.add(event.dimensions().get(meter.uniqueDimension()))) {
      value = uniques.size();
    }
  }

  private void applyLatest(UsageEvent event) {
    long millis = event.timestamp().toEpochMilli();
    boolean later = millis > latestTimestamp
        || (millis == latestTimestamp && event.idempotencyKey().compareTo(latestKey) > 0);
    if (later) {
      latestTimestamp = millis;
      latestKey = event.idempotencyKey();
      value = event.quantity();
    }
  }

  long value() {
    return value;
  }

  long events() {
    return events;
  }
}
