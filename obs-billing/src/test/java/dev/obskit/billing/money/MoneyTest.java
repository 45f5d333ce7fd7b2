package dev.obskit.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MoneyTest {
  @Test
  void equals_comparesByValue_notScale() {
    Money a = Money.of("2.50", "USD");
    Money b = Money.of("2.5", "USD");

    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(new HashSet<>(Set.of(a))).contains(b);
    assertThat(Money.of("0.00", "USD")).isEqualTo(Money.of("0", "USD"));
  }

  @Test
  void equals_differentCurrency_isNotEqual() {
    assertThat(Money.of("1", "USD")).isNotEqualTo(Money.of("1", "EUR"));
  }

  @Test
  void rounded_isHalfUpToMinorUnit() {
    assertThat(Money.of("0.125", "USD").rounded().amount().toPlainString()).isEqualTo("0.13");
    assertThat(Money.of("0.135", "USD").rounded().amount().toPlainString()).isEqualTo("0.14");
    assertThat(Money.of("0.124999", "USD").rounded().amount().toPlainString()).isEqualTo("0.12");
    assertThat(Money.of("-0.125", "USD").rounded().amount().toPlainString()).isEqualTo("-0.13");
    assertThat(Money.of("0.5", "JPY").rounded().amount().toPlainString()).isEqualTo("1");
    assertThat(Money.of("1.0005", "BHD").rounded().amount().toPlainString()).isEqualTo("1.001");
  }

  @Test
  void millionTimesFiveHundredThousandths_isExactlyFifty() {
    Money sum = Money.zero(Money.currency("USD"));
    Money price = Money.of("0.00005", "USD");
    for (int i = 0; i < 1_000_000; i++) {
      sum = sum.plus(price);
    }
    assertThat(sum).isEqualTo(Money.of("50", "USD"));
  }

  @Test
  void plus_withOtherCurrency_failsNamingBoth() {
    assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 USD").hasMessageContaining("1 EUR");
  }

  @Test
  void of_rejectsNonDecimalsAndUnknownCurrencies() {
    assertThatThrownBy(() -> Money.of("1e", "USD")).hasMessageContaining("'1e'");
    assertThatThrownBy(() -> Money.of("NaN", "USD")).hasMessageContaining("'NaN'");
    assertThatThrownBy(() -> Money.of("1", "XYZW")).hasMessageContaining("'XYZW'");
  }

  @Test
  void ratio_isNineDecimalsHalfUp() {
    assertThat(Decimals.ratio(26, 31)).isEqualByComparingTo("0.838709677");
    assertThat(Decimals.ratio(10, 31)).isEqualByComparingTo("0.322580645");
  }

  @Test
  void blocks_roundUp() {
    assertThat(Decimals.blocks(new BigDecimal("51"), new BigDecimal("50"))).isEqualTo(2);
    assertThat(Decimals.blocks(new BigDecimal("50"), new BigDecimal("50"))).isEqualTo(1);
    assertThat(Decimals.blocks(BigDecimal.ZERO, new BigDecimal("50"))).isEqualTo(0);
    assertThat(Decimals.blocks(new BigDecimal("0.1"), new BigDecimal("50"))).isEqualTo(1);
  }
}
