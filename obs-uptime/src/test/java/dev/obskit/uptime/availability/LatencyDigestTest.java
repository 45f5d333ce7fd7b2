package dev.obskit.uptime.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyDigestTest {
  @Test
  void percentiles_matchSortedSamplesWithinTenPercentAbove() {
    Random random = new Random(42);
    long[] samples = new long[5_000];
    LatencyDigest digest = new LatencyDigest();
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (long) Math.exp(random.nextDouble() * Math.log(20_000)); // 1 ms .. 20 s
      digest.add(samples[i]);
    }
    Arrays.sort(samples);
    for (double p : new double[] {50, 95, 99, 100}) {
      long exact = samples[(int) Math.ceil(p / 100 * samples.length) - 1]; // nearest rank
      assertThat(digest.percentile(p)).isBetween(exact, (long) Math.ceil(exact * 1.1));
    }
    assertThat(digest.total()).isEqualTo(5_000);
  }

  @Test
  void countAtOrBelow_andEmptyDigest() {
    LatencyDigest digest = new LatencyDigest();
    assertThat(digest.percentile(50)).isEqualTo(-1);
    for (long v : new long[] {0, 0, 5, 100, 100, 2_000, 70_000}) {
      digest.add(v);
    }
    assertThat(digest.countAtOrBelow(0)).isEqualTo(2);
    assertThat(digest.countAtOrBelow(100)).isEqualTo(5);
    assertThat(digest.countAtOrBelow(1_000_000)).isEqualTo(7);
    assertThat(digest.percentile(100)).isGreaterThanOrEqualTo(LatencyDigest.MAX_MILLIS);
  }

  @Test
  void countsBeyondOneByte_widenCells_andSaturateAt65535() {
    LatencyDigest digest = new LatencyDigest();
    long small = digest.footprintBytes();
    for (int i = 0; i < 300; i++) {
      digest.add(100);
    }
    digest.add(5);
    digest.add(2_000);
    assertThat(digest.total()).isEqualTo(302);
    assertThat(digest.countAtOrBelow(100)).isEqualTo(301);
    assertThat(digest.percentile(50)).isEqualTo(LatencyDigest.upperBound(LatencyDigest.index(100)));
    assertThat(digest.percentile(100)).isBetween(2_000L, 2_200L);
    assertThat(digest.footprintBytes()).isGreaterThan(small);
    for (int i = 0; i < 70_000; i++) {
      digest.add(5);
    }
    assertThat(digest.countAtOrBelow(5)).isEqualTo(65_535);
    assertThat(digest.total()).isEqualTo(65_535 + 301);
  }
}
