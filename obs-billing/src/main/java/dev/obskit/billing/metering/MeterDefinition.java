package dev.obskit.billing.metering;

import java.util.Objects;

/**
 * A meter: its name (as in {@code UsageEvent.meter()}), its aggregation and, for {@link
 * Aggregation#UNIQUE_COUNT}, the dimension whose distinct values are counted. Immutable.
 *
 * @param name the meter name
 * @param aggregation how the period's events fold into one value
 * @param uniqueDimension the counted dimension for UNIQUE_COUNT; empty otherwise
 */
public record MeterDefinition(String name, Aggregation aggregation, String uniqueDimension) {
  /** Validates the components. */
  public MeterDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(uniqueDimension, "uniqueDimension");
    if (aggregation == Aggregation.UNIQUE_COUNT && uniqueDimension.isEmpty()) {
      throw new IllegalArgumentException("UNIQUE_COUNT meter " + name + " needs a uniqueDimension");
    }
  }

  /** Returns a meter without a unique dimension. */
  public static MeterDefinition of(String name, Aggregation aggregation) {
    return new MeterDefinition(name, aggregation, "");
  }

  /** Returns whether values of the meter only grow within a period (so quotas can latch). */
  public boolean isMonotonic() {
    return aggregation != Aggregation.LATEST;
  }
}
