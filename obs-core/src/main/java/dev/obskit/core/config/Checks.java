package dev.obskit.core.config;

import java.time.Duration;

/**
 * Eager validation for configuration builders. Every failure is an {@link IllegalArgumentException}
 * whose message names the setting and the rejected value, e.g. {@code "queueCapacity must be > 0,
 * got -5"}.
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} if it is positive. */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is positive. */
  public static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is zero or positive. */
  public static long notNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it lies in {@code [min, max]}. */
  public static double between(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it lies in {@code [min, max]}. */
  public static Duration durationBetween(String name, Duration value, Duration min, Duration max) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is strictly positive. */
  public static Duration positive(String name, Duration value) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is neither null nor blank. */
  public static String notBlank(String name, String value) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /** Throws if a setting was already set, naming its current value (Caffeine's style). */
  public static void notAlreadySet(String name, Object current) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }
}
