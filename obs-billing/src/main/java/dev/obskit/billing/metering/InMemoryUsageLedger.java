package dev.obskit.billing.metering;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.UsageEvent;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UsageLedger} in memory: one shard per team and period, each guarded by its own lock, so
 * teams never contend with each other. Within a shard the key is added only after the meter state
 * accepted the event, which is the whole trick against lost retries. Thread-safe.
 */
final class InMemoryUsageLedger implements UsageLedger {
  /** Most distinct meters one team may have in one period; more are rejected, not stored. */
  static final int MAX_METERS_PER_SHARD = 1_000;

  private final ConcurrentHashMap<ShardKey, Shard> shards = new ConcurrentHashMap<>();
  /** Each team's most recently used shard, so the hot path skips building a composite key. */
  private final ConcurrentHashMap<TeamId, Shard> recent = new ConcurrentHashMap<>();

  @Override
  public IngestOutcome record(BillingPeriod period, MeterDefinition meter, UsageEvent event) {
    Shard shard = recent.get(event.teamId());
    if (shard == null || !shard.period.equals(period)) {
      shard = shards.computeIfAbsent(new ShardKey(event.teamId(), period), k -> new Shard(period));
      recent.put(event.teamId(), shard);
    }
    return shard.record(meter, event);
  }

  @Override
  public UsageRecord usage(TeamId teamId, BillingPeriod period) {
    Shard shard = shards.get(new ShardKey(teamId, period));
    return shard == null ? UsageRecord.empty(teamId, period) : shard.snapshot(teamId, period);
  }

  @Override
  public long value(TeamId teamId, BillingPeriod period, String meter) {
    Shard shard = shards.get(new ShardKey(teamId, period));
    return shard == null ? 0 : shard.value(meter);
  }

  @Override
  public boolean hasSeen(TeamId teamId, BillingPeriod period, String idempotencyKey) {
    Shard shard = shards.get(new ShardKey(teamId, period));
    return shard != null && shard.hasSeen(idempotencyKey);
  }

  @Override
  public void forgetKeysBefore(YearMonth month) {
    shards.forEach((key, shard) -> {
      if (key.period().month().isBefore(month)) {
        shard.forgetKeys();
      }
    });
  }

  private record ShardKey(TeamId teamId, BillingPeriod period) {}

  private static final class Shard {
    private final BillingPeriod period;
    private Set<String> keys = new HashSet<>();
    private final Map<String, MeterState> states = new HashMap<>();

    Shard(BillingPeriod period) {
      this.period = period;
    }

    synchronized IngestOutcome record(MeterDefinition meter, UsageEvent event) {
      if (meter.aggregation() == Aggregation.UNIQUE_COUNT
          && !event.dimensions().containsKey(meter.uniqueDimension())) {
        return keys.contains(event.idempotencyKey()) ? IngestOutcome.DUPLICATE
            : IngestOutcome.REJECTED;
      }
      // Claim the key and apply under one lock; a failed apply releases the claim, so the key
      // is only ever recorded together with the write it stands for.
      if (!keys.add(event.idempotencyKey())) {
        return IngestOutcome.DUPLICATE;
      }
      MeterState state = states.get(meter.name());
      if (state == null && states.size() >= MAX_METERS_PER_SHARD) {
        // A flood of invented meter names must not grow memory without bound.
        keys.remove(event.idempotencyKey());
        return IngestOutcome.REJECTED;
      }
      if (state == null) {
        state = new MeterState(meter);
        states.put(meter.name(), state);
      }
      try {
        state.apply(event);
      } catch (ArithmeticException overflow) {
        keys.remove(event.idempotencyKey());
        return IngestOutcome.FAILED;
      }
      return IngestOutcome.ACCEPTED;
    }

    synchronized UsageRecord snapshot(TeamId teamId, BillingPeriod period) {
      Map<String, Long> values = new HashMap<>();
      Map<String, Long> counts = new HashMap<>();
      states.forEach((meter, state) -> {
        values.put(meter, state.value());
        counts.put(meter, state.events());
      });
      return new UsageRecord(teamId, period, values, counts);
    }

    synchronized long value(String meter) {
      MeterState state = states.get(meter);
      return state == null ? 0 : state.value();
    }

    synchronized boolean hasSeen(String key) {
      return keys.contains(key);
    }

    synchronized void forgetKeys() {
      keys = new HashSet<>();
    }
  }
}
