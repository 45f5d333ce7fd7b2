package dev.obskit.errors.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageParameterizerTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Order 123 failed for 0xdeadbeef | Order <int> failed for <hex>",
      "mail jane.doe@example.com bounced | mail <email> bounced",
      "GET https://api.shop.io/v1/orders?id=7 failed | GET <url> failed",
      "peer 10.1.2.3 reset | peer <ip> reset",
      "row 123e4567-e89b-12d3-a456-426614174000 locked | row <uuid> locked",
      "commit 0123456789abcdef0123456789abcdef01234567 bad | commit <sha1> bad",
      "at 2026-11-22T04:10:00.123Z stopped | at <date> stopped",
      "on 2026-11-22 stopped | on <date> stopped",
      "took 350ms | took <duration>",
      "ratio -1.5 low | ratio <float> low",
      "token a1b2c3d4e5f6 expired | token <hex> expired",
      "user=\"bob\" flag=true | user=<quoted_str> flag=<bool>",
      "user42 logged in | user42 logged in",
      "host db1.internal down | host <hostname> down"})
  void parameterize_replacesVariableParts(String in, String expected) {
    assertThat(MessageParameterizer.parameterize(in)).isEqualTo(expected);
  }
}
