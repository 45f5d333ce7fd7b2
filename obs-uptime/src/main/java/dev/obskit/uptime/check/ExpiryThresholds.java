package dev.obskit.uptime.check;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Days before an expiry (certificate or domain) at which to warn; {@link #DEFAULT} is 30, 14, 7
 * and 1, as the issue asks (Better Stack allows 1, 2, 3, 7, 14, 30, 60). Empty disables warnings.
 * Immutable.
 *
 * @param days distinct positive day counts, sorted descending
 */
public record ExpiryThresholds(List<Integer> days) {
  /** 30, 14, 7, 1 days. */
  public static final ExpiryThresholds DEFAULT = of(30, 14, 7, 1);
  /** No warnings. */
  public static final ExpiryThresholds DISABLED = new ExpiryThresholds(List.of());

  /** Validates and sorts the days. */
  public ExpiryThresholds {
    TreeSet<Integer> sorted = new TreeSet<>(Collections.reverseOrder());
    for (Integer d : Objects.requireNonNull(days, "days")) {
      if (d == null || d < 1 || d > 365) {
        throw new IllegalArgumentException("expiry threshold days must be 1 to 365, got " + d);
      }
      sorted.add(d);
    }
    days = List.copyOf(sorted);
  }

  /** Returns thresholds for {@code days}. */
  public static ExpiryThresholds of(Integer... days) {
    return new ExpiryThresholds(List.of(days));
  }

  /**
   * Returns the smallest threshold that {@code daysLeft} has reached (daysLeft at or below it), or
   * -1 when no threshold is reached yet.
   */
  public int reached(long daysLeft) {
    int hit = -1;
    for (int d : days) {
      if (daysLeft <= d) {
        hit = d;
      }
    }
    return hit;
  }
}
