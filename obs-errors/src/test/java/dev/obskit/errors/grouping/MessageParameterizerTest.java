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
      "host db1.internal down | host <hostname> down",
      "to a.b@mail.example.org now | to <email> now",
      "x@a.bc1 | <email>1",
      "ws://h:1/x and ftp://f/y | <url> and <url>",
      "api.shop.io/v1 | <hostname>/v1",
      "foo.community.com | <hostname>",
      "foo.community | foo.community",
      "peer fe80::1 down | peer <ip> down",
      "2001:db8:0:0:0:0:2:1 | <ip>",
      "256.1.1.1 | <float>.<float>",
      "at 10:30:00 and 10:30:00.5 | at <date> and <date>",
      "Mon, 22 Nov 2026 04:10:00 GMT | <date>",
      "done 2026-11-22x | done <int><int>-22x",
      "id 5f3a9c2e1b7d4a6f8e9c0b1a2d3e4f5a | id <md5>",
      "abc-123 | abc<int>",
      "size=1.5s ok=false q='a b' | size=<duration> ok=<bool> q=<quoted_str>"})
  void parameterize_replacesVariableParts(String in, String expected) {
    assertThat(MessageParameterizer.parameterize(in)).isEqualTo(expected);
  }
}
