package dev.obskit.billing.metering;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.UsageEvent;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UsageLedger} in memory: one shard per team and period, each guarded by its own lock, so
 * teams never contend with each other. Keys live in their meter's state (scoped by team, meter and
 * period) with the quantity they were counted with, so a conflicting replay is told apart from a
 * duplicate. The key is kept only if the meter state accepted the event, which is the whole trick
 * against lost retries. Thread-safe.
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
  public boolean hasSeen(TeamId teamId, BillingPeriod period, String meter, String idempotencyKey) {
    Shard shard = shards.get(new ShardKey(teamId, period));
    return shard != null && shard.hasSeen(meter, idempotencyKey);
  }

  /** Returns how many idempotency keys are held, over every team and period. */
  long keyCount() {
    long count = 0;
    for (Shard shard : shards.values()) {
      count += shard.keyCount();
    }
    return count;
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
    private final Map<String, MeterState> states = new HashMap<>();

    Shard(BillingPeriod period) {
      this.period = period;
    }

    synchronized IngestOutcome record(MeterDefinition meter, UsageEvent event) {
      MeterState state = states.get(meter.name());
      if (meter.aggregation() == Aggregation.UNIQUE_COUNT
          && !event.dimensions().containsKey(meter.uniqueDimension())) {
        return state != null && state.hasKey(event.idempotencyKey()) ? IngestOutcome.DUPLICATE
            : IngestOutcome.REJECTED;
      }
      if (state == null) {
        if (states.size() >= MAX_METERS_PER_SHARD) {
          // Only catalog meters reach the ledger; still, memory stays bounded.
          return IngestOutcome.REJECTED;
        }
        state = new MeterState(meter);
        states.put(meter.name(), state);
      }
      // Claim the key and apply under one lock; a failed apply releases the claim, so the key
      // is only ever recorded together with the write it stands for.
      return state.record(event);
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
      for (MeterState state : states.values()) {
        if (state.hasKey(key)) {
          return true;
        }
      }
      return false;
    }

    synchronized boolean hasSeen(String meter, String key) {
      MeterState state = states.get(meter);
      return state != null && state.hasKey(key);
    }

    synchronized long keyCount() {
      long count = 0;
      for (MeterState state : states.values()) {
        count += state.keyCount();
      }
      return count;
    }

    synchronized void forgetKeys() {
      states.values().forEach(MeterState::forgetKeys);
    }
  }
}
