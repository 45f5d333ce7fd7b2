package dev.obskit.uptime.availability;

import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.state.Segment;
import dev.obskit.uptime.state.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-monitor availability accounting in memory: minute buckets (24 h), hour buckets (30 d) and
 * UTC day buckets (365 d), each holding exact up, down and maintenance milliseconds and exact
 * check and failure counts, plus response times. Open buckets keep a {@link LatencyDigest}
 * (p50/p95/p99 within +10 %); closed buckets keep up to two samples inline (exact) or a
 * fixed-size {@link QuantileSketch} that reports the same p50/p95/p99 as the digest did. Storage
 * is a ring of chunks per granularity ({@link BucketRing}); closed chunks are packed into one
 * byte array (~2 bytes per minute, ~6-7 bytes per hour or day for a steady monitor), so the full
 * retention (24 h + 30 d + 365 d) of a monitor checked every 30 s costs about 14 KB.
 *
 * <p>Queries pick the finest granularity whose retention still covers the range start, and sum
 * the buckets whose start lies in the range (so a range is effectively rounded to bucket starts).
 * Thread-safe.
 */
public final class AvailabilityStore {
  private final Clock clock;
  private final ConcurrentHashMap<MonitorId, MonitorHistory> histories = new ConcurrentHashMap<>();

  /** Creates a store reading "now" (for retention and ongoing outages) from {@code clock}. */
  public AvailabilityStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Books the time and outages of one state-machine step. */
  public void apply(MonitorId id, Step step) {
    MonitorHistory h = history(id);
    long now = clock.millis();
    for (Segment s : step.segments()) {
      h.book(s, now);
    }
    step.outageStart().ifPresent(h::outageStarted);
    step.outage().ifPresent(o -> h.outageEnded(o, now));
  }

  /** Records that an outage began at {@code start} (the first failed check). */
  public void outageStarted(MonitorId id, Instant start) {
    history(id).outageStarted(start);
  }

  /** Books one time segment directly (imports, tests, heartbeats). */
  public void book(MonitorId id, Segment segment) {
    history(id).book(segment, clock.millis());
  }

  /** Counts one check and, for a successful one, its response time. */
  public void recordCheck(MonitorId id, CheckResult result) {
    history(id).check(result.startedAt(), result.timings().totalMillis(), result.isUp(),
        clock.millis());
  }

  /** Forgets a monitor's history. */
  public void remove(MonitorId id) {
    histories.remove(id);
  }

  /**
   * Returns {@code id}'s history in a compact versioned binary form for {@link
   * #restore(MonitorId, byte[])} (a {@code HistoryStore} persists it as an opaque blob), or
   * empty when the store holds nothing for {@code id}. Open latency digests are kept exactly.
   */
  public Optional<byte[]> export(MonitorId id) {
    MonitorHistory h = histories.get(Objects.requireNonNull(id, "id"));
    return h == null ? Optional.empty() : Optional.of(h.export());
  }

  /** Returns the ids that have history, in no particular order (a snapshot of the key set). */
  public List<MonitorId> monitorIds() {
    return List.copyOf(histories.keySet());
  }

  /**
   * Replaces {@code id}'s history by a decoded {@link #export(MonitorId)} blob, applying
   * retention at the clock's current time. The blob is validated completely before anything is
   * replaced.
   *
   * @throws IllegalArgumentException when the blob is invalid; the message names the monitor
   *     and the problem, and the existing history is left untouched
   */
  public void restore(MonitorId id, byte[] encoded) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(encoded, "encoded");
    MonitorHistory h;
    try {
      h = MonitorHistory.restore(encoded, clock.millis());
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("history of monitor " + id.value() + " ("
          + encoded.length + " bytes) is invalid: " + e.getMessage(), e);
    }
    histories.put(id, h);
  }

  /** Returns the availability of {@code id} over [from, to). */
  public AvailabilitySummary summary(MonitorId id, Instant from, Instant to) {
    Granularity g = granularityFor(from);
    MonitorHistory h = history(id);
    long[] t = h.totals(g, from.toEpochMilli(), to.toEpochMilli(), -1);
    List<Step.Outage> outages = h.outages(from, to, clock.instant());
    Duration longest = Duration.ZERO;
    Duration sum = Duration.ZERO;
    for (Step.Outage o : outages) {
      Instant s = o.start().isBefore(from) ? from : o.start();
      Instant e = o.end().isAfter(to) ? to : o.end();
      Duration d = Duration.between(s, e);
      sum = sum.plus(d);
      longest = d.compareTo(longest) > 0 ? d : longest;
    }
    int n = outages.size();
    Duration avg = n == 0 ? Duration.ZERO : sum.dividedBy(n);
    Optional<Duration> mtbf = n == 0 ? Optional.empty()
        : Optional.of(Duration.ofMillis(t[0] / n));
    return new AvailabilitySummary(from, to, g, t[0], t[1], t[2], percent(t[0], t[1]), n,
        longest, avg, mtbf);
  }

  /** Returns the buckets of {@code id} at {@code g} whose start lies in [from, to). */
  public List<BucketStats> buckets(MonitorId id, Granularity g, Instant from, Instant to) {
    return history(id).buckets(g, from.toEpochMilli(), to.toEpochMilli());
  }

  /** Returns {@code days} daily bars ending with today (UTC), oldest first: the status page view. */
  public List<DailyBar> dailyBars(MonitorId id, int days) {
    if (days < 1 || days > 365) {
      throw new IllegalArgumentException("days must be 1 to 365, got " + days);
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = today.minusDays(days - 1L);
    MonitorHistory h = history(id);
    List<DailyBar> bars = new ArrayList<>(days);
    for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
      long start = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      long[] t = h.totals(Granularity.DAY, start, start + Granularity.DAY.sizeMillis(), -1);
      double p = percent(t[0], t[1]);
      bars.add(new DailyBar(d, t[0], t[1], t[2], p, DailyBar.classify(t[0], t[1], t[2], p)));
    }
    return bars;
  }

  /**
   * Returns SLI counts over [from, to) summed across {@code monitors}: availability in
   * milliseconds when {@code latencyThresholdMillis < 0}, otherwise latency in checks.
   */
  public SliCounts sli(Collection<MonitorId> monitors, Instant from, Instant to,
      long latencyThresholdMillis) {
    Granularity g = granularityFor(from);
    long good = 0;
    long total = 0;
    for (MonitorId id : monitors) {
      MonitorHistory h = histories.get(id);
      if (h == null) {
        continue;
      }
      long[] t = h.totals(g, from.toEpochMilli(), to.toEpochMilli(), latencyThresholdMillis);
      if (latencyThresholdMillis < 0) {
        good += t[0];
        total += t[0] + t[1];
      } else {
        good += t[5];
        total += t[3];
      }
    }
    return new SliCounts(good, total);
  }

  /**
   * Returns the check counts of {@code id} in the bucket of granularity {@code g} starting at
   * {@code bucketStart}: {valid checks, good checks}, good meaning successful (availability,
   * {@code latencyThresholdMillis < 0}) or successful at or under the threshold (latency).
   * UNKNOWN results are never recorded, so they are never counted.
   */
  public long[] checkCounts(MonitorId id, Granularity g, Instant bucketStart,
      long latencyThresholdMillis) {
    MonitorHistory h = histories.get(Objects.requireNonNull(id, "id"));
    if (h == null) {
      return new long[2];
    }
    long from = bucketStart.toEpochMilli();
    long[] t = h.totals(g, from, from + g.sizeMillis(), latencyThresholdMillis);
    return new long[] {t[3], latencyThresholdMillis < 0 ? t[3] - t[4] : t[5]};
  }

  /** Returns the finest granularity whose retention covers {@code from}. */
  public Granularity granularityFor(Instant from) {
    Instant now = clock.instant();
    for (Granularity g : Granularity.values()) {
      if (!from.isBefore(now.minus(g.retention()))) {
        return g;
      }
    }
    return Granularity.DAY;
  }

  private MonitorHistory history(MonitorId id) {
    return histories.computeIfAbsent(Objects.requireNonNull(id, "id"), k -> new MonitorHistory());
  }

  private static double percent(long up, long down) {
    return up + down == 0 ? 100.0 : 100.0 * up / (up + down);
  }
}
