package dev.obskit.errors.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringCacheTest {
  private static String get(StringCache cache, String s) {
    char[] padded = ("xx" + s + "yy").toCharArray();
    return cache.get(padded, 2, s.length());
  }

  @Test
  void get_sameCharactersTwice_returnsTheSameInstance() {
    StringCache cache = new StringCache();
    String first = get(cache, "com.shop.orders.OrderService");
    assertThat(first).isEqualTo("com.shop.orders.OrderService");
    assertThat(get(cache, "com.shop.orders.OrderService")).isSameAs(first);
  }

  @Test
  void get_manyDistinctStrings_alwaysReturnsEqualContent() {
    StringCache cache = new StringCache();
    // Far more strings than slots, so slots are shared and replaced; content must never mix up.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 10_000; i++) {
        String s = "frame" + i;
        assertThat(get(cache, s)).isEqualTo(s);
      }
    }
    assertThat(get(cache, "")).isEmpty();
  }
}
