package dev.obskit.uptime.availability;

import dev.obskit.uptime.state.Segment;
import dev.obskit.uptime.state.Step;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One monitor's availability history: minute, hour and day buckets written through together
 * (so an hour bucket always equals the sum of its minutes while both are retained), plus the
 * list of confirmed outages. Thread-safe: all access synchronizes on a private lock.
 */
final class MonitorHistory {
  private final Object lock = new Object();
  private final BucketRing[] rings = new BucketRing[Granularity.values().length];
  private final ArrayDeque<Step.Outage> outages = new ArrayDeque<>();
  private Instant ongoingSince;

  MonitorHistory() {
    for (Granularity g : Granularity.values()) {
      rings[g.ordinal()] = new BucketRing(g);
    }
  }

  void book(Segment s, long nowMillis) {
    synchronized (lock) {
      prune(nowMillis);
      long from = s.from().toEpochMilli();
      long to = s.to().toEpochMilli();
      long minute = Granularity.MINUTE.sizeMillis();
      while (from < to) {
        long end = Math.min(to, (Math.floorDiv(from, minute) + 1) * minute);
        long len = end - from;
        for (BucketRing ring : rings) {
          ring.addTime(from, s.booking(), len);
        }
        from = end;
      }
    }
  }

  void check(Instant at, long latencyMillis, boolean up, long nowMillis) {
    synchronized (lock) {
      prune(nowMillis);
      for (BucketRing ring : rings) {
        ring.addCheck(at.toEpochMilli(), up, latencyMillis);
      }
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
    for (BucketRing ring : rings) {
      ring.prune(nowMillis);
    }
  }

  List<BucketStats> buckets(Granularity g, long from, long to) {
    synchronized (lock) {
      return to <= from ? List.of() : rings[g.ordinal()].stats(from, to);
    }
  }

  /** Sums [from, to) at granularity g; latency SLI counts against {@code thresholdMillis}. */
  long[] totals(Granularity g, long from, long to, long thresholdMillis) {
    synchronized (lock) {
      long[] t = new long[6];
      if (to > from) {
        rings[g.ordinal()].addTotals(from, to, thresholdMillis, t);
      }
      return t;
    }
  }

  /** Returns how many chunks the ring of {@code g} has allocated. */
  int allocatedChunks(Granularity g) {
    synchronized (lock) {
      return rings[g.ordinal()].allocatedChunks();
    }
  }

  /** Returns an estimate of the heap held by this history's buckets. */
  long footprintBytes() {
    synchronized (lock) {
      long bytes = 64;
      for (BucketRing ring : rings) {
        bytes += ring.footprintBytes();
      }
      return bytes;
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
