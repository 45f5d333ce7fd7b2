package dev.obskit.billing.quota;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Which fractions of a quota raise an alert, ascending, each in (0, 10]. Default 80 %, 95 %,
 * 100 %. Immutable.
 *
 * @param thresholds ascending fractions, e.g. {@code 0.80}
 */
public record QuotaPolicy(List<BigDecimal> thresholds) {
  /** The default thresholds: 0.80, 0.95, 1.00. */
  public static final QuotaPolicy DEFAULT = new QuotaPolicy(List.of(
      new BigDecimal("0.80"), new BigDecimal("0.95"), new BigDecimal("1.00")));

  /** Validates and copies the thresholds. */
  public QuotaPolicy {
    thresholds = List.copyOf(Objects.requireNonNull(thresholds, "thresholds"));
    if (thresholds.isEmpty()) {
      throw new IllegalArgumentException("at least one threshold is required");
    }
    BigDecimal previous = BigDecimal.ZERO;
    for (BigDecimal t : thresholds) {
      if (t.compareTo(previous) <= 0 || t.compareTo(BigDecimal.TEN) > 0) {
        throw new IllegalArgumentException("thresholds must ascend within (0, 10], got "
            + thresholds);
      }
      previous = t;
    }
  }

  /** Returns the threshold as a whole percentage, e.g. 95. */
  public int percent(int index) {
    return thresholds.get(index).movePointRight(2).intValue();
  }
}
