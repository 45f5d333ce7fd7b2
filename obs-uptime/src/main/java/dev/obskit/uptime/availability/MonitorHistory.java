package dev.obskit.uptime.availability;

import dev.obskit.uptime.state.Segment;
import dev.obskit.uptime.state.Step;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One monitor's availability history: minute, hour and day buckets written through together
 * (so an hour bucket always equals the sum of its minutes while both are retained), plus the
 * list of confirmed outages. Thread-safe: all access synchronizes on a private lock.
 */
final class MonitorHistory {
  private final Object lock = new Object();
  private final Map<Granularity, BucketSeries> series = new EnumMap<>(Granularity.class);
  private final ArrayDeque<Step.Outage> outages = new ArrayDeque<>();
  private Instant ongoingSince;

  MonitorHistory() {
    for (Granularity g : Granularity.values()) {
      series.put(g, new BucketSeries(g));
    }
  }

  void book(Segment s, long nowMillis) {
    synchronized (lock) {
      long from = s.from().toEpochMilli();
      long to = s.to().toEpochMilli();
      long minute = Granularity.MINUTE.sizeMillis();
      while (from < to) {
        long end = Math.min(to, (Math.floorDiv(from, minute) + 1) * minute);
        long len = end - from;
        for (BucketSeries bs : series.values()) {
          Bucket b = bs.bucketFor(from);
          switch (s.booking()) {
            case UP -> b.up += len;
            case DOWN -> b.down += len;
            case MAINTENANCE -> b.maintenance += len;
            default -> throw new IllegalStateException("unknown booking " + s.booking());
          }
        }
        from = end;
      }
      prune(nowMillis);
    }
  }

  void check(Instant at, long latencyMillis, boolean up, long nowMillis) {
    synchronized (lock) {
      for (BucketSeries bs : series.values()) {
        Bucket b = bs.bucketFor(at.toEpochMilli());
        b.checks++;
        if (!up) {
          b.failed++;
        }
        if (up && latencyMillis >= 0) {
          b.addLatency(latencyMillis);
        }
      }
      prune(nowMillis);
    }
  }

  void outageStarted(Instant start) {
    synchronized (lock) {
      ongoingSince = start;
    }
  }

  void outageEnded(Step.Outage outage, long nowMillis) {
    synchronized (lock) {
      ongoingSince = null;
      outages.addLast(outage);
      long oldest = nowMillis - Granularity.DAY.retention().toMillis();
      while (!outages.isEmpty() && outages.peekFirst().end().toEpochMilli() < oldest) {
        outages.removeFirst();
      }
    }
  }

  private void prune(long nowMillis) {
    for (BucketSeries bs : series.values()) {
      bs.prune(nowMillis);
    }
  }

  List<BucketStats> buckets(Granularity g, long from, long to) {
    synchronized (lock) {
      List<BucketStats> out = new ArrayList<>();
      for (Bucket b : series.get(g).range(from, to)) {
        out.add(b.stats(g));
      }
      return out;
    }
  }

  /** Sums [from, to) at granularity g; latency SLI counts against {@code thresholdMillis}. */
  long[] totals(Granularity g, long from, long to, long thresholdMillis) {
    synchronized (lock) {
      long[] t = new long[6];
      for (Bucket b : series.get(g).range(from, to)) {
        t[0] += b.up;
        t[1] += b.down;
        t[2] += b.maintenance;
        t[3] += b.checks;
        t[4] += b.failed;
        if (thresholdMillis >= 0 && b.latency != null) {
          t[5] += b.latency.countAtOrBelow(thresholdMillis);
        }
      }
      return t;
    }
  }

  /** Returns outages overlapping [from, to), the ongoing one ending at {@code now}. */
  List<Step.Outage> outages(Instant from, Instant to, Instant now) {
    synchronized (lock) {
      List<Step.Outage> out = new ArrayList<>();
      for (Step.Outage o : outages) {
        if (o.start().isBefore(to) && o.end().isAfter(from)) {
          out.add(o);
        }
      }
      if (ongoingSince != null && ongoingSince.isBefore(to) && now.isAfter(from)) {
        out.add(new Step.Outage(ongoingSince, now));
      }
      return out;
    }
  }
}
