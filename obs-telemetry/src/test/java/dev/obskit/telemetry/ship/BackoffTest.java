package dev.obskit.telemetry.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delay_growsExponentially_withinEqualJitterBounds_cappedAtMax() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(7));
    long[] ceilings = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
    for (int attempt = 1; attempt <= ceilings.length; attempt++) {
      long ms = b.delay(attempt, null).toMillis();
      assertThat(ms).as("attempt %d", attempt)
          .isBetween(ceilings[attempt - 1] / 2, ceilings[attempt - 1]);
    }
    assertThat(b.delay(10_000, null)).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void delay_isJittered_acrossTheWholeUpperHalf() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(11));
    long min = Long.MAX_VALUE;
    long max = 0;
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      long ms = b.delay(3, null).toMillis(); // ceiling 400 ms: equal jitter in [200, 400]
      min = Math.min(min, ms);
      max = Math.max(max, ms);
      distinct.add(ms);
    }
    assertThat(min).isBetween(200L, 210L);
    assertThat(max).isBetween(390L, 400L);
    assertThat(distinct).hasSizeGreaterThan(100);
  }

  @Test
  void retryAfter_replacesTheComputedDelay_butNeverBelowTenMillis() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(7));
    assertThat(b.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void invalidBounds_areRejectedWithBothValues() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
        .hasMessageContaining("PT2S").hasMessageContaining("PT1S");
  }
}
