package dev.obskit.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of one currency, over {@link BigDecimal}; never {@code double}. Immutable and
 * thread-safe.
 *
 * <p>Equality is by value: {@code 2.50 USD} equals {@code 2.5 USD} (unlike {@link
 * BigDecimal#equals}), and equal amounts have equal hash codes, so money is safe as a map key.
 * Arithmetic keeps full precision; {@link #rounded()} is the single, explicit rounding step
 * (half-up to the currency's minor unit, the Kill Bill / common-invoicing convention: USD 0.125
 * becomes 0.13).
 */
public final class Money implements Comparable<Money> {
  /** How amounts are rounded to the minor unit. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
  /** Largest scale kept for unit prices and intermediate amounts. */
  public static final int MAX_SCALE = 12;

  private final BigDecimal amount;
  private final Currency currency;

  private Money(BigDecimal amount, Currency currency) {
    this.amount = Objects.requireNonNull(amount, "amount");
    this.currency = Objects.requireNonNull(currency, "currency");
  }

  /**
   * Returns {@code amount} of {@code currency}, unrounded.
   *
   * @throws IllegalArgumentException for a currency without minor units (XXX, XAU, XDR...)
   */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, requireMinorUnits(currency));
  }

  /**
   * Parses ASCII decimal syntax such as {@code "45.00"} or {@code "-12.5"} ({@link
   * Decimals#parse}: no spaces, {@code +}, negative zero or non-ASCII digits; exponents at most
   * 30); never goes through a binary double.
   *
   * @throws IllegalArgumentException naming a bounded form of the bad amount or currency
   */
  public static Money of(String amount, String currencyCode) {
    Objects.requireNonNull(amount, "amount");
    Currency currency = currency(currencyCode);
    return new Money(Decimals.parse(amount), currency);
  }

  /** Returns zero of {@code currency} at its minor-unit scale. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO.setScale(minorDigits(requireMinorUnits(currency))), currency);
  }

  /**
   * Returns the ISO 4217 currency for {@code code} (upper case, three letters), refusing unknown
   * codes and those without real minor units: XXX (no currency), XTS (testing), precious metals
   * and fund units such as XDR, whose {@link Currency#getDefaultFractionDigits()} is -1.
   */
  public static Currency currency(String code) {
    Objects.requireNonNull(code, "currency");
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown ISO 4217 currency code "
          + Decimals.quote(code), e);
    }
    return requireMinorUnits(currency);
  }

  private static Currency requireMinorUnits(Currency currency) {
    Objects.requireNonNull(currency, "currency");
    if (currency.getDefaultFractionDigits() < 0 || "XTS".equals(currency.getCurrencyCode())) {
      throw new IllegalArgumentException("ISO 4217 code " + currency.getCurrencyCode()
          + " has no minor unit (no currency, metal or fund unit); use a real currency");
    }
    return currency;
  }

  /** Returns the amount exactly as held (scale preserved). */
  public BigDecimal amount() {
    return amount;
  }

  /** Returns the currency. */
  public Currency currency() {
    return currency;
  }

  /** Returns this plus {@code other}; both must have the same currency. */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /** Returns this minus {@code other}; both must have the same currency. */
  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /** Returns this times {@code factor}, unrounded. */
  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(Objects.requireNonNull(factor, "factor")), currency);
  }

  /** Returns this amount rounded once, half-up, to the currency's minor unit (2 for USD/EUR). */
  public Money rounded() {
    return new Money(amount.setScale(minorDigits(currency), ROUNDING), currency);
  }

  /** Returns whether the amount is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** Returns the sign of the amount: -1, 0 or 1. */
  public int signum() {
    return amount.signum();
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Money m && currency.equals(m.currency) && amount.compareTo(m.amount) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * currency.hashCode() + normalized(amount).hashCode();
  }

  /** Returns e.g. {@code "45.00 USD"}, the amount as held. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("currency mismatch: " + this + " vs " + other);
    }
  }

  static int minorDigits(Currency currency) {
    return currency.getDefaultFractionDigits();
  }

  private static BigDecimal normalized(BigDecimal value) {
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }
}
