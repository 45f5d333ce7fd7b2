package dev.obskit.billing.pricebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Number literals a careless or hostile price book may hold (issue 18, defects 1, 2 and 9). */
class HostileNumbersTest {

  static Throwable parseJsonPrice(String price) {
    String doc = "{\"id\":\"t\",\"version\":1,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\","
        + "\"items\":[{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"PER_UNIT\","
        + "\"unitPrice\":" + price + "}}]}";
    return catchThrowable(() -> PriceBookParser.parse(doc.getBytes(StandardCharsets.UTF_8),
        PriceBookFormat.JSON, "t.json"));
  }

  static Throwable parseYamlPrice(String price) {
    String doc = "id: hostile\nversion: 1\ncurrency: USD\neffectiveFrom: \"2026-01-01\"\n"
        + "items:\n  - code: ram\n    kind: ADD_ON\n    pricing: { model: PER_UNIT, unitPrice: "
        + price + " }\n";
    return catchThrowable(() -> PriceBookParser.parse(doc.getBytes(StandardCharsets.UTF_8),
        PriceBookFormat.YAML, "h.yaml"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1e-999999999\"", "\"-1e999999999\"", "1e-999999999", "-1e999999999",
      "\"1e999999999\"", "\"9e-2147483647\""})
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void hugeExponent_isRefusedWithABoundedMessage(String price) {
    Throwable error = parseJsonPrice(price);

    assertThat(error).isInstanceOf(PriceBookException.class);
    assertThat(error.getMessage()).hasSizeLessThan(300).contains("item 'x'")
        .contains("pricing.unitPrice").contains("exponent");
  }

  @ParameterizedTest
  @ValueSource(strings = {".nan", ".NaN", ".inf", "-.inf", "0x1F", "1_000", "0b101", "0o17", "+.inf"})
  void yamlSpecialNumbers_areAPriceBookError_namingBookItemAndField(String literal) {
    Throwable error = parseYamlPrice(literal);

    assertThat(error).isInstanceOf(PriceBookException.class);
    PriceBookException e = (PriceBookException) error;
    assertThat(e.item()).isEqualTo("ram");
    assertThat(e.field()).isEqualTo("pricing.unitPrice");
    assertThat(e.getMessage()).contains("price book 'hostile'").contains(literal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\u0661\u0662\"", "\"\uff11\uff12\"", "\" 12\"", "\"12 \"", "\"+12\"",
      "\"-0.00\"", "\"-0\"", "\"1.\"", "\".5\"", "\"1e\"", "\"0x10\"", "\"1,5\"", "\"Infinity\""})
  void nonAsciiDecimalSyntax_isRefused(String price) {
    Throwable error = parseJsonPrice(price);

    assertThat(error).isInstanceOf(PriceBookException.class);
    assertThat(((PriceBookException) error).field()).isEqualTo("pricing.unitPrice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"0.10\"", "\"12\"", "0.00005", "\"1e3\"", "\"2.5E-3\"", "0"})
  void plainAsciiDecimals_areAccepted(String price) {
    assertThat(parseJsonPrice(price)).isNull();
  }

  @Test
  void yamlPlainDecimal_isAccepted() {
    assertThat(parseYamlPrice("0.10")).isNull();
    assertThat(parseYamlPrice("\"5\"")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"XXX", "XAU", "XDR", "XTS"})
  void currencyWithoutMinorUnits_isRefused(String code) {
    String doc = "{\"id\":\"t\",\"version\":1,\"currency\":\"" + code + "\",\"effectiveFrom\":"
        + "\"2026-01-01\",\"items\":[{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":"
        + "\"FLAT\",\"price\":\"1\"}}]}";
    Throwable error = catchThrowable(() -> PriceBookParser.parse(
        doc.getBytes(StandardCharsets.UTF_8), PriceBookFormat.JSON, "t.json"));

    assertThat(error).isInstanceOf(PriceBookException.class).hasMessageContaining("currency")
        .hasMessageContaining(code);
  }
}
