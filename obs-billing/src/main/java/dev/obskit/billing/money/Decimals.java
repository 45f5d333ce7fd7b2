package dev.obskit.billing.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Exact decimal helpers shared by pricing and metering. Divisions always name a scale and a
 * rounding mode, so none can throw "non-terminating decimal expansion".
 */
public final class Decimals {
  /** Scale of ratios such as proration factors (Kill Bill: 26/31 = 0.838709677). */
  public static final int RATIO_SCALE = 9;
  /** Longest decimal text {@link #parse} reads. */
  public static final int MAX_TEXT_LENGTH = 64;
  /** Largest absolute exponent {@link #parse} accepts ({@code 1e30}, {@code 1e-30}). */
  public static final int MAX_EXPONENT = 30;
  private static final int QUOTE_LENGTH = 24;

  private Decimals() {}

  /** Returns {@code numerator / denominator} at {@link #RATIO_SCALE}, half-up. */
  public static BigDecimal ratio(long numerator, long denominator) {
    if (denominator <= 0) {
      throw new IllegalArgumentException("denominator must be > 0, got " + denominator);
    }
    return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATIO_SCALE,
        RoundingMode.HALF_UP);
  }

  /** Returns {@code ceil(quantity / size)} for a positive {@code size}; exact. */
  public static BigInteger blocks(BigDecimal quantity, BigDecimal size) {
    Objects.requireNonNull(quantity, "quantity");
    if (size.signum() <= 0) {
      throw new IllegalArgumentException("block size must be > 0, got " + size.toPlainString());
    }
    if (quantity.signum() <= 0) {
      return BigInteger.ZERO;
    }
    return quantity.divide(size, 0, RoundingMode.CEILING).toBigIntegerExact();
  }

  /**
   * Parses ASCII decimal syntax only: an optional {@code -}, ASCII digits, optionally {@code .}
   * and digits, optionally {@code e}/{@code E}, an optional sign and at most {@link #MAX_EXPONENT}
   * as exponent. Refused, with a message quoting at most a few characters of the text: surrounding
   * spaces, {@code +}, negative zero ({@code -0.00}), non-ASCII digits (Arabic-Indic, full-width),
   * {@code 1.}, {@code .5}, underscores, hex, NaN and infinities, and texts longer than {@link
   * #MAX_TEXT_LENGTH}. The exponent is range-checked before any expansion, so {@code 1e-999999999}
   * costs nothing.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static BigDecimal parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException("not a decimal number: " + quote(text) + " is longer than "
          + MAX_TEXT_LENGTH + " characters");
    }
    int i = text.startsWith("-") ? 1 : 0;
    int intDigits = digits(text, i);
    i += intDigits;
    int fractionDigits = 0;
    if (i < text.length() && text.charAt(i) == '.') {
      fractionDigits = digits(text, i + 1);
      i += 1 + fractionDigits;
    }
    if (intDigits == 0 || (fractionDigits == 0 && text.indexOf('.') >= 0)) {
      throw notDecimal(text);
    }
    if (i < text.length()) {
      checkExponent(text, i);
    }
    BigDecimal value = new BigDecimal(text);
    if (value.signum() == 0 && text.startsWith("-")) {
      throw new IllegalArgumentException("not a decimal number: negative zero " + quote(text));
    }
    return value;
  }

  private static void checkExponent(String text, int at) {
    char e = text.charAt(at);
    if (e != 'e' && e != 'E') {
      throw notDecimal(text);
    }
    int start = at + 1;
    if (start < text.length() && (text.charAt(start) == '-' || text.charAt(start) == '+')) {
      start++;
    }
    int expDigits = digits(text, start);
    if (expDigits == 0 || start + expDigits != text.length()) {
      throw notDecimal(text);
    }
    String exponent = text.substring(start);
    if (expDigits > 4 || Integer.parseInt(exponent) > MAX_EXPONENT) {
      throw new IllegalArgumentException("not a decimal number: exponent of " + quote(text)
          + " is out of range (at most " + MAX_EXPONENT + " either way)");
    }
  }

  private static int digits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  private static IllegalArgumentException notDecimal(String text) {
    return new IllegalArgumentException("not a decimal number (ASCII digits, optional '-', '.' and"
        + " exponent): " + quote(text));
  }

  /** Returns {@code text} quoted, cut to a few characters with its length when longer. */
  public static String quote(String text) {
    if (text.length() <= QUOTE_LENGTH) {
      return "'" + text + "'";
    }
    return "'" + text.substring(0, QUOTE_LENGTH) + "...' (" + text.length() + " characters)";
  }

  /** Returns {@code max(0, value)}. */
  public static BigDecimal nonNegative(BigDecimal value) {
    return value.signum() < 0 ? BigDecimal.ZERO : value;
  }

  /** Returns the value with trailing zeros stripped, for display and stable keys. */
  public static BigDecimal plain(BigDecimal value) {
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
