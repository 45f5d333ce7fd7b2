package dev.obskit.uptime.availability;

import dev.obskit.uptime.state.Segment;
import dev.obskit.uptime.state.Step;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One monitor's availability history: minute, hour and day buckets written through together
 * (so an hour bucket always equals the sum of its minutes while both are retained), plus the
 * list of confirmed outages. Thread-safe: all access synchronizes on a private lock.
 */
final class MonitorHistory {
  /** Version of {@link #export()}'s format. */
  static final int FORMAT = 1;
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

  /** Returns how many chunks the ring of {@code g} has packed. */
  int packedChunks(Granularity g) {
    synchronized (lock) {
      return rings[g.ordinal()].packedChunks();
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

  /**
   * Encodes this history (format version {@value #FORMAT}): per granularity the chunk count and
   * each chunk's base (zigzag varint), length and {@link RingChunk#encode(long) encoding}; then
   * the finished outages (start, length) and the ongoing outage's start, if any.
   */
  byte[] export() {
    synchronized (lock) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      out.write(FORMAT);
      for (BucketRing ring : rings) {
        List<Long> bases = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        ring.export((base, bytes) -> {
          bases.add(base);
          bodies.add(bytes);
        });
        RingChunk.writeVarint(out, bases.size());
        for (int i = 0; i < bases.size(); i++) {
          RingChunk.writeVarint(out, zigzag(bases.get(i)));
          RingChunk.writeVarint(out, bodies.get(i).length);
          out.write(bodies.get(i), 0, bodies.get(i).length);
        }
      }
      RingChunk.writeVarint(out, outages.size());
      for (Step.Outage o : outages) {
        RingChunk.writeVarint(out, zigzag(o.start().toEpochMilli()));
        RingChunk.writeVarint(out, o.end().toEpochMilli() - o.start().toEpochMilli());
      }
      out.write(ongoingSince == null ? 0 : 1);
      if (ongoingSince != null) {
        RingChunk.writeVarint(out, zigzag(ongoingSince.toEpochMilli()));
      }
      return out.toByteArray();
    }
  }

  /**
   * Decodes {@link #export()}'s output into a fresh history, then applies retention at
   * {@code nowMillis} (closing and packing what has closed since).
   *
   * @throws IllegalArgumentException naming what is wrong and where, for any invalid input
   */
  static MonitorHistory restore(byte[] encoded, long nowMillis) {
    RingChunk.Reader r = new RingChunk.Reader(encoded);
    int version = r.u8();
    if (version != FORMAT) {
      throw new IllegalArgumentException("unsupported history format " + version
          + " (this version reads " + FORMAT + ")");
    }
    MonitorHistory h = new MonitorHistory();
    for (BucketRing ring : h.rings) {
      long chunks = r.varint(1_000);
      for (long i = 0; i < chunks; i++) {
        long base = unzigzag(r.varint(Long.MAX_VALUE));
        int length = (int) r.varint(encoded.length);
        if (r.at + length > encoded.length) {
          throw new IllegalArgumentException("truncated: chunk of " + length + " bytes at offset "
              + r.at + " of " + encoded.length);
        }
        byte[] body = Arrays.copyOfRange(encoded, r.at, r.at + length);
        r.at += length;
        ring.restore(base, body);
      }
    }
    long n = r.varint(1_000_000);
    for (long i = 0; i < n; i++) {
      long start = unzigzag(r.varint(Long.MAX_VALUE));
      long length = r.varint(Long.MAX_VALUE);
      h.outages.addLast(new Step.Outage(Instant.ofEpochMilli(start),
          Instant.ofEpochMilli(start + length)));
    }
    if (r.u8() == 1) {
      h.ongoingSince = Instant.ofEpochMilli(unzigzag(r.varint(Long.MAX_VALUE)));
    }
    if (r.at != encoded.length) {
      throw new IllegalArgumentException((encoded.length - r.at) + " trailing bytes");
    }
    h.prune(nowMillis);
    return h;
  }

  private static long zigzag(long v) {
    return v << 1 ^ v >> 63;
  }

  private static long unzigzag(long v) {
    return v >>> 1 ^ -(v & 1);
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
