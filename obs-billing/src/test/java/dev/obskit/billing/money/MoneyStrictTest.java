package dev.obskit.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Money.of accepts ASCII decimal syntax only, bounded (issue 18, defects 1 and 9). */
class MoneyStrictTest {

  @ParameterizedTest
  @ValueSource(strings = {"1e-999999999", "-1e999999999", "1e999999999", "1E+2147483647"})
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void hugeExponent_isRefused_withABoundedMessage(String amount) {
    Throwable error = catchThrowable(() -> Money.of(amount, "USD").rounded().toString());

    assertThat(error).isInstanceOf(IllegalArgumentException.class);
    assertThat(error.getMessage()).hasSizeLessThan(200).contains("exponent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0661\u0662", "\uff11\uff12", " 12", "12 ", "+12", "-0.00", "-0", "1.",
      ".5", "NaN", "1_000", "0x1F", ""})
  void nonAsciiDecimalSyntax_isRefused(String amount) {
    assertThatThrownBy(() -> Money.of(amount, "USD")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decimal");
  }

  @Test
  void longGarbage_isQuotedBounded() {
    Throwable error = catchThrowable(() -> Money.of("9".repeat(100_000) + "x", "USD"));

    assertThat(error.getMessage()).hasSizeLessThan(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"45.00", "-12.5", "0", "0.00005", "1e3", "2.5E-3"})
  void plainAsciiDecimals_areAccepted(String amount) {
    assertThat(Money.of(amount, "USD").amount()).isEqualByComparingTo(new BigDecimal(amount));
  }

  @ParameterizedTest
  @ValueSource(strings = {"XXX", "XAU", "XDR", "XTS", "usd", "EURO", ""})
  void currencyWithoutRealMinorUnits_isRefused(String code) {
    assertThatThrownBy(() -> Money.of("1", code)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO 4217");
    if (code.length() == 3 && code.equals(code.toUpperCase())) {
      assertThatThrownBy(() -> Money.zero(Currency.getInstance(code)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void minorUnits_areTheCurrencysOwn() {
    assertThat(Money.of("0.125", "USD").rounded().amount()).isEqualByComparingTo("0.13");
    assertThat(Money.of("0.5", "JPY").rounded().amount()).isEqualByComparingTo("1");
    assertThat(Money.of("0.0005", "BHD").rounded().amount()).isEqualByComparingTo("0.001");
  }
}
