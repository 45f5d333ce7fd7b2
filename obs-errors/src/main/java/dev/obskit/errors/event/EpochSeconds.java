package dev.obskit.errors.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Converts the text of a JSON number of epoch seconds to an {@link Instant} at a cost bounded by
 * the text's length. {@code BigDecimal} work on {@code 1e99999999} takes minutes and hundreds of
 * MiB, so the exponent is checked first: a number whose exponent is outside ±{@value
 * #MAX_EXPONENT} is out of range before any arithmetic. Accepted range: 0 to {@value
 * #MAX_SECONDS} (9999-12-31T23:59:59Z). Stateless, thread-safe.
 */
public final class EpochSeconds {
  /** Largest accepted value, the last second of year 9999. */
  public static final long MAX_SECONDS = 253_402_300_799L;
  /** Largest exponent magnitude looked at; JSON numbers are at most 64 characters here. */
  static final int MAX_EXPONENT = 100;

  private static final BigDecimal MAX = BigDecimal.valueOf(MAX_SECONDS + 1);

  private EpochSeconds() {}

  /**
   * Returns the instant {@code number} (the text of a JSON number) names, or null when it is not a
   * plain decimal number or lies outside 0 .. {@value #MAX_SECONDS} seconds.
   */
  public static Instant parse(String number) {
    if (number == null || number.isEmpty() || number.length() > 128 || !exponentInBounds(number)) {
      return null;
    }
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(number);
    } catch (NumberFormatException e) {
      return null;
    }
    if (seconds.signum() < 0 || seconds.compareTo(MAX) >= 0) {
      return null;
    }
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  /** Returns whether the exponent part, if any, is at most {@value #MAX_EXPONENT} in magnitude. */
  static boolean exponentInBounds(String number) {
    int e = Math.max(number.indexOf('e'), number.indexOf('E'));
    if (e < 0) {
      return true;
    }
    int i = e + 1;
    if (i < number.length() && (number.charAt(i) == '+' || number.charAt(i) == '-')) {
      i++;
    }
    if (i == number.length()) {
      return false;
    }
    int exponent = 0;
    for (; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      exponent = exponent * 10 + (c - '0');
      if (exponent > MAX_EXPONENT) {
        return false;
      }
    }
    return true;
  }
}
