package dev.obskit.billing.metering;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A team's usage for one billing period: each meter's aggregated value and the number of events
 * counted for it. Immutable; two records of the same events compare equal whatever the order the
 * events arrived in.
 *
 * @param teamId whose usage
 * @param period the billing period
 * @param values aggregated value by meter name, sorted by name; never negative
 * @param eventCounts accepted events by meter name, sorted by name; never negative
 */
public record UsageRecord(TeamId teamId, BillingPeriod period, Map<String, Long> values,
    Map<String, Long> eventCounts) {
  /** Validates and copies the maps into sorted, unmodifiable ones. */
  public UsageRecord {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(period, "period");
    values = Collections.unmodifiableMap(nonNegative("value", new TreeMap<>(values)));
    eventCounts = Collections.unmodifiableMap(nonNegative("event count", new TreeMap<>(eventCounts)));
  }

  private static TreeMap<String, Long> nonNegative(String what, TreeMap<String, Long> map) {
    map.forEach((meter, value) -> {
      if (value == null || value < 0) {
        throw new IllegalArgumentException(what + " of meter " + meter + " must be >= 0, got "
            + value);
      }
    });
    return map;
  }

  /** Returns an empty record. */
  public static UsageRecord empty(TeamId teamId, BillingPeriod period) {
    return new UsageRecord(teamId, period, Map.of(), Map.of());
  }

  /** Returns the meter's value, 0 when nothing was metered. */
  public long value(String meter) {
    return values.getOrDefault(meter, 0L);
  }

  /**
   * Returns a copy with {@code meter} set to {@code value}; for quotes of hypothetical usage.
   *
   * @throws IllegalArgumentException when {@code value} is negative
   */
  public UsageRecord with(String meter, long value) {
    Map<String, Long> next = new TreeMap<>(values);
    next.put(meter, value);
    return new UsageRecord(teamId, period, next, eventCounts);
  }
}
