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
