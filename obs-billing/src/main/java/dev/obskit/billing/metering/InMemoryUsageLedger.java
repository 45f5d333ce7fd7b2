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
  private final ConcurrentHashMap<ShardKey, Shard> shards = new ConcurrentHashMap<>();

  @Override
  public IngestOutcome record(BillingPeriod period, MeterDefinition meter, UsageEvent event) {
    ShardKey key = new ShardKey(event.teamId(), period);
    Shard shard = shards.get(key);
    if (shard == null) {
      shard = shards.computeIfAbsent(key, k -> new Shard());
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
    private Set<String> keys = new HashSet<>();
    private final Map<String, MeterState> states = new HashMap<>();

    synchronized IngestOutcome record(MeterDefinition meter, UsageEvent event) {
      if (keys.contains(event.idempotencyKey())) {
        return IngestOutcome.DUPLICATE;
      }
      if (meter.aggregation() == Aggregation.UNIQUE_COUNT
          && !event.dimensions().containsKey(meter.uniqueDimension())) {
        return IngestOutcome.REJECTED;
      }
      MeterState state = states.get(meter.name());
      if (state == null) {
        state = new MeterState(meter);
        states.put(meter.name(), state);
      }
      try {
        state.apply(event);
      } catch (ArithmeticException overflow) {
        return IngestOutcome.FAILED;
      }
      keys.add(event.idempotencyKey());
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
