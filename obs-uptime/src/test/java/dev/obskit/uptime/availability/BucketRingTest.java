package dev.obskit.uptime.availability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BucketRingTest {
  private static final long START = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000L;

  /** Fills {@code hours} of 30-second up checks (5..54 ms) into a fresh history. */
  private static MonitorHistory fill(int hours) {
    MonitorHistory h = new MonitorHistory();
    for (int step = 0; step < hours * 120; step++) {
      long t = START + step * 30_000L;
      h.check(Instant.ofEpochMilli(t), 5 + step % 50, true, t);
      h.book(new Segment(Instant.ofEpochMilli(t), Instant.ofEpochMilli(t + 30_000L),
          Booking.UP), t);
    }
    return h;
  }

  @Test
  void fullDayAtThirtySeconds_allocatesBoundedChunks_andStaysUnderSevenKilobytes() {
    MonitorHistory h = fill(24);
    // 1,440 minutes (+ the booked-ahead one) span at most 24 chunks of 64; one hour chunk of 64
    // and one day chunk cover a day.
    assertThat(h.allocatedChunks(Granularity.MINUTE)).isBetween(23, 24);
    assertThat(h.allocatedChunks(Granularity.HOUR)).isEqualTo(1);
    assertThat(h.allocatedChunks(Granularity.DAY)).isBetween(1, 2);
    // estimate from array lengths and widths: closed minute chunks packed at ~2 bytes per minute,
    // closed hours as sketches; 6,716 bytes when written (12,736 before packing whole chunks,
    // 274 KB before the rings)
    assertThat(h.footprintBytes()).isLessThan(7_168);
  }

  @Test
  void thirtyDaysOfHours_packsClosedHours_andStaysUnderTwelveKilobytes() {
    MonitorHistory h = fill(720);
    // 720 hours (+ slack) span at most 13 ring slots of 64 hours; 30 days fit one day chunk
    assertThat(h.allocatedChunks(Granularity.HOUR)).isBetween(12, 13);
    assertThat(h.allocatedChunks(Granularity.DAY)).isEqualTo(1);
    // closed hours keep a 5-byte sketch and are packed ~6 bytes per hour; 11,260 bytes when
    // written (55,774 with packed full histograms, 95,464 with one digest object per hour)
    assertThat(h.footprintBytes()).isLessThan(12_288);
  }

  @Test
  void packedHours_answerLikeUnpacked_andAcceptLateChecks() {
    MonitorHistory h = fill(200);
    long now = START + 200 * 3_600_000L - 30_000L;
    List<BucketStats> hours = h.buckets(Granularity.HOUR, START, now + MINUTE);
    assertThat(hours).hasSize(200);
    for (int k = 0; k < hours.size(); k++) {
      LatencyDigest expected = new LatencyDigest();
      for (int step = k * 120; step < (k + 1) * 120; step++) {
        expected.add(5 + step % 50);
      }
      BucketStats b = hours.get(k);
      assertThat(b.checks()).isEqualTo(120);
      assertThat(b.p50Millis()).isEqualTo(expected.percentile(50));
      assertThat(b.p95Millis()).isEqualTo(expected.percentile(95));
      assertThat(b.p99Millis()).isEqualTo(expected.percentile(99));
    }
    long[] before = h.totals(Granularity.HOUR, START, now + MINUTE, 20);
    // a late check into the first (packed, sketched) hour unpacks its chunk and still counts as
    // a check; a sketch cannot take an exact sample, so it is not among the latency samples
    h.check(Instant.ofEpochMilli(START + 1_000L), 7, true, now);
    long[] after = h.totals(Granularity.HOUR, START, now + MINUTE, 20);
    assertThat(after[3]).isEqualTo(before[3] + 1);
    assertThat(after[5]).isEqualTo(before[5]);
    assertThat(h.buckets(Granularity.HOUR, START, START + 1).get(0).checks()).isEqualTo(121);
  }

  @Test
  void packedDays_keepWideCounts() {
    MonitorHistory h = new MonitorHistory();
    int days = 66; // spans two 64-day chunks; the first closes and is packed
    long t = START;
    for (int step = 0; step < days * 2_880; step++) {
      t = START + step * 30_000L;
      h.check(Instant.ofEpochMilli(t), step % 2_880 == 0 ? 900 : 42, true, t);
    }
    List<BucketStats> out = h.buckets(Granularity.DAY, START, t + 1);
    assertThat(out).hasSize(days);
    LatencyDigest expected = new LatencyDigest();
    expected.add(900);
    for (int i = 1; i < 2_880; i++) {
      expected.add(42);
    }
    for (BucketStats b : out) {
      assertThat(b.checks()).isEqualTo(2_880);
      assertThat(b.p50Millis()).isEqualTo(expected.percentile(50));
      assertThat(b.p99Millis()).isEqualTo(expected.percentile(99));
    }
    long[] totals = h.totals(Granularity.DAY, START, t + 1, 100);
    assertThat(totals[3]).isEqualTo(days * 2_880L);
    // 2,879 of each day's 2,880 samples are <= 100 ms. The last two days are still open (exact
    // digest); the 64 closed days answer from their sketch: 100 ms lies between p99 (42 ms) and
    // the max (900 ms), so each counts the p99 rank ceil(0.99 * 2880) = 2,852, a lower bound
    // within 1 % of the day's samples (QuantileSketch's documented band)
    assertThat(totals[5]).isEqualTo(64 * 2_852L + 2 * 2_879L);
  }

  @Test
  void threeDays_ringReusesChunks_andMinuteRetentionHolds() {
    MonitorHistory h = fill(72);
    long now = START + 72 * 3_600_000L - 30_000L;
    assertThat(h.allocatedChunks(Granularity.MINUTE)).isLessThanOrEqualTo(24);
    List<BucketStats> minutes = h.buckets(Granularity.MINUTE, START, now + MINUTE);
    // kept: minute starts >= now - 24 h rounded down to the minute, up to the last booked one
    long oldest = Math.floorDiv(now - 86_400_000L, MINUTE) * MINUTE;
    assertThat(minutes.get(0).start().toEpochMilli()).isEqualTo(oldest);
    assertThat(minutes).hasSize((int) ((now - oldest) / MINUTE) + 1);
    assertThat(minutes.get(1).upMillis()).isEqualTo(MINUTE);
    assertThat(minutes.get(1).checks()).isEqualTo(2);
    long[] days = h.totals(Granularity.DAY, START, now + MINUTE, -1);
    assertThat(days[0]).isEqualTo(72 * 3_600_000L);
    assertThat(days[3]).isEqualTo(72 * 120L);
  }

  @Test
  void randomWorkload_matchesAnIndependentPerMinuteModel() {
    Random random = new Random(7);
    MonitorHistory h = new MonitorHistory();
    TreeMap<Long, long[]> model = new TreeMap<>(); // minute start -> up, down, maint, checks, failed
    TreeMap<Long, List<Long>> samples = new TreeMap<>();
    long t = START;
    long lastNow = t;
    for (int i = 0; i < 3_000; i++) {
      long len = 1 + random.nextInt(200_000);
      Booking b = Booking.values()[random.nextInt(3)];
      h.book(new Segment(Instant.ofEpochMilli(t), Instant.ofEpochMilli(t + len), b), t);
      for (long from = t; from < t + len; ) {
        long minute = Math.floorDiv(from, MINUTE) * MINUTE;
        long end = Math.min(t + len, minute + MINUTE);
        model.computeIfAbsent(minute, k -> new long[5])[b.ordinal()] += end - from;
        from = end;
      }
      int checks = random.nextInt(4);
      for (int c = 0; c < checks; c++) {
        long at = t + random.nextInt((int) len);
        boolean up = random.nextInt(5) > 0;
        long latency = (long) Math.exp(random.nextDouble() * Math.log(70_000));
        h.check(Instant.ofEpochMilli(at), latency, up, t);
        long minute = Math.floorDiv(at, MINUTE) * MINUTE;
        long[] m = model.computeIfAbsent(minute, k -> new long[5]);
        m[3]++;
        m[4] += up ? 0 : 1;
        if (up) {
          samples.computeIfAbsent(minute, k -> new ArrayList<>()).add(latency);
        }
      }
      lastNow = t;
      t += len;
    }
    long now = lastNow; // retention is judged at the clock of the last write
    long oldest = Math.floorDiv(now - 86_400_000L, MINUTE) * MINUTE;
    List<BucketStats> got = h.buckets(Granularity.MINUTE, 0, Long.MAX_VALUE);
    List<Long> expectedStarts = new ArrayList<>(model.tailMap(oldest, true).keySet());
    assertThat(got).extracting(s -> s.start().toEpochMilli()).containsExactlyElementsOf(
        expectedStarts);
    for (BucketStats s : got) {
      long[] m = model.get(s.start().toEpochMilli());
      assertThat(new long[] {s.upMillis(), s.downMillis(), s.maintenanceMillis(), s.checks(),
          s.failedChecks()}).containsExactly(m);
      List<Long> sorted = new ArrayList<>(samples.getOrDefault(s.start().toEpochMilli(),
          List.of()));
      Collections.sort(sorted);
      long[] ps = {s.p50Millis(), s.p95Millis(), s.p99Millis()};
      double[] p = {50, 95, 99};
      for (int k = 0; k < 3; k++) {
        if (sorted.isEmpty()) {
          assertThat(ps[k]).isEqualTo(-1);
        } else {
          long exact = sorted.get((int) Math.ceil(p[k] / 100 * sorted.size()) - 1);
          // values beyond MAX_MILLIS share the last bucket (documented in LatencyDigest)
          assertThat(ps[k]).isBetween(Math.min(exact, LatencyDigest.MAX_MILLIS),
              exact >= LatencyDigest.MAX_MILLIS ? Long.MAX_VALUE : (long) Math.ceil(exact * 1.1));
        }
      }
    }
  }

  @Test
  void inlineSamples_thirdSampleMovesToDigest_countsStayExact() {
    MonitorHistory h = new MonitorHistory();
    long[] latencies = {100, 5, 2_000, 0};
    long expectedUnder = 0;
    for (int i = 0; i < latencies.length; i++) {
      h.check(Instant.ofEpochMilli(START + i * 1_000L), latencies[i], true, START);
      expectedUnder += latencies[i] <= 100 ? 1 : 0;
      long[] t = h.totals(Granularity.MINUTE, START, START + MINUTE, 100);
      assertThat(t[3]).isEqualTo(i + 1);
      assertThat(t[5]).isEqualTo(expectedUnder);
    }
    BucketStats s = h.buckets(Granularity.MINUTE, START, START + MINUTE).get(0);
    // nearest rank over {0, 5, 100, 2000}: p50 = 5 (bucket bound 5), p95 = p99 = 2000 (<= +10 %)
    assertThat(s.p50Millis()).isEqualTo(5);
    assertThat(s.p95Millis()).isBetween(2_000L, 2_200L);
    assertThat(s.p99Millis()).isEqualTo(s.p95Millis());
  }

  @Test
  void column_widensFromBytesToLongsWithoutLosingValues() {
    Column c = new Column(4);
    assertThat(c.width()).isZero();
    c.add(0, 200);
    assertThat(c.width()).isEqualTo(1);
    c.add(1, 60_000);
    assertThat(c.width()).isEqualTo(2);
    c.add(2, 3_600_000);
    assertThat(c.width()).isEqualTo(4);
    c.add(3, 5_000_000_000L);
    assertThat(c.width()).isEqualTo(8);
    c.add(0, 1);
    assertThat(new long[] {c.get(0), c.get(1), c.get(2), c.get(3)})
        .containsExactly(201, 60_000, 3_600_000, 5_000_000_000L);
  }
}
