package dev.obskit.uptime.availability;

import static dev.obskit.uptime.availability.RingChunk.CHUNK;
import static dev.obskit.uptime.availability.RingChunk.get;

import dev.obskit.uptime.state.Booking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of one granularity for one monitor as a ring of chunks of {@link RingChunk#CHUNK}
 * consecutive buckets.
 *
 * <p>Design: bucket {@code key = floor(epochMillis / size)}; chunk {@code c = floor(key / CHUNK)}
 * lives in ring slot {@code c mod slots.length}. The ring holds the whole retention (plus
 * {@link #SLACK} keys for segments booked slightly ahead of the clock) and one spare chunk, so
 * live buckets never share a slot; a chunk is allocated on its first write and dropped once all
 * its keys fall out of the retention. A bucket is <em>closed</em> once the bucket after it has
 * ended too (one bucket of grace for segments booked ahead and checks reported late): its latency
 * digest is then replaced by a fixed-size {@link QuantileSketch}, and a chunk whose buckets are
 * all closed is packed into one {@code byte[]} ({@link RingChunk#encode(long)}; ~2 bytes per
 * minute, ~6-7 per hour or day for a steady monitor) that is decoded on read. A late write into a
 * packed chunk decodes it again; it is re-packed at the next prune. A bucket "exists" (is listed)
 * when any of its time or check counters is non-zero.
 *
 * <p>Not thread-safe; guarded by {@link MonitorHistory}.
 */
final class BucketRing {
  static final int SLACK = 16;

  private final Granularity granularity;
  private final long size;
  private final long retention;
  /** Per ring slot: null, an open {@link RingChunk}, or a packed {@code byte[]}. */
  private final Object[] slots;
  private final long[] bases;
  private long oldestKept = Long.MIN_VALUE;

  BucketRing(Granularity granularity) {
    this.granularity = granularity;
    this.size = granularity.sizeMillis();
    this.retention = granularity.retention().toMillis();
    long keys = retention / size + 1 + SLACK;
    int n = (int) ((keys + CHUNK - 1) / CHUNK) + 1;
    this.slots = new Object[n];
    this.bases = new long[n];
  }

  void addTime(long epochMillis, Booking booking, long millis) {
    RingChunk c = writable(epochMillis);
    if (c == null) {
      return;
    }
    int s = slot(epochMillis);
    switch (booking) {
      case UP -> c.up = RingChunk.add(c.up, s, millis);
      case DOWN -> c.down = RingChunk.add(c.down, s, millis);
      case MAINTENANCE -> c.maintenance = RingChunk.add(c.maintenance, s, millis);
      default -> throw new IllegalStateException("unknown booking " + booking);
    }
  }

  void addCheck(long epochMillis, boolean up, long latencyMillis) {
    RingChunk c = writable(epochMillis);
    if (c == null) {
      return;
    }
    int s = slot(epochMillis);
    if (!up) {
      c.failed = RingChunk.add(c.failed, s, 1);
    }
    if (!(up && latencyMillis >= 0 && c.addLatency(s, LatencyDigest.index(latencyMillis)))) {
      c.addUnsampled(s); // failed, no timing, saturated cell, or late into a closed bucket
    }
  }

  /**
   * Forgets buckets that started before {@code nowMillis - retention}, sketches closed buckets'
   * digests and packs closed chunks. Cheap unless a bucket boundary was crossed.
   */
  void prune(long nowMillis) {
    long oldest = Math.floorDiv(nowMillis - retention, size);
    if (oldest <= oldestKept) {
      return;
    }
    oldestKept = oldest;
    long lastClosed = Math.floorDiv(nowMillis, size) - 2;
    for (int i = 0; i < slots.length; i++) {
      Object o = slots[i];
      long first = bases[i] * CHUNK;
      if (o == null) {
        continue;
      }
      if (first + CHUNK <= oldest) {
        slots[i] = null;
      } else if (o instanceof RingChunk c) {
        if (first + CHUNK - 1 <= lastClosed) {
          c.closeUpTo(CHUNK - 1);
          slots[i] = c.encode(size);
        } else if (lastClosed >= first) {
          c.closeUpTo((int) (lastClosed - first));
        }
      }
    }
  }

  /** Returns the buckets whose start lies in [from, to), oldest first. */
  List<BucketStats> stats(long from, long to) {
    List<BucketStats> out = new ArrayList<>();
    for (int i : liveSlots(from, to)) {
      RingChunk c = readable(i);
      for (int s = 0; s < CHUNK; s++) {
        if (inRange(i, c, s, from, to)) {
          long start = (bases[i] * CHUNK + s) * size;
          LatencyView d = c.latency(s);
          out.add(new BucketStats(Instant.ofEpochMilli(start), granularity, get(c.up, s),
              get(c.down, s), get(c.maintenance, s), c.checks(s), get(c.failed, s),
              d == null ? -1 : d.percentile(50), d == null ? -1 : d.percentile(95),
              d == null ? -1 : d.percentile(99)));
        }
      }
    }
    return out;
  }

  /**
   * Adds the sums over [from, to) to {@code t}: up, down, maintenance, checks, failed and, when
   * {@code thresholdMillis >= 0}, successful checks at or under it (a lower bound for closed
   * buckets with more than two samples, see {@link QuantileSketch}).
   */
  void addTotals(long from, long to, long thresholdMillis, long[] t) {
    for (int i : liveSlots(from, to)) {
      RingChunk c = readable(i);
      for (int s = 0; s < CHUNK; s++) {
        if (!inRange(i, c, s, from, to)) {
          continue;
        }
        t[0] += get(c.up, s);
        t[1] += get(c.down, s);
        t[2] += get(c.maintenance, s);
        t[3] += c.checks(s);
        t[4] += get(c.failed, s);
        if (thresholdMillis >= 0) {
          LatencyView d = c.latency(s);
          t[5] += d == null ? 0 : d.countAtOrBelow(thresholdMillis);
        }
      }
    }
  }

  /** Returns how many chunks are allocated (for the structural memory bound). */
  int allocatedChunks() {
    int n = 0;
    for (Object o : slots) {
      n += o == null ? 0 : 1;
    }
    return n;
  }

  /** Returns how many chunks are packed. */
  int packedChunks() {
    int n = 0;
    for (Object o : slots) {
      n += o instanceof byte[] ? 1 : 0;
    }
    return n;
  }

  /** Returns an estimate of this ring's heap (headers included, 8-byte aligned objects). */
  long footprintBytes() {
    long bytes = 40 + RingChunk.arrayBytes(4L * slots.length)
        + RingChunk.arrayBytes(8L * bases.length);
    for (Object o : slots) {
      if (o instanceof RingChunk c) {
        bytes += c.footprintBytes();
      } else if (o instanceof byte[] b) {
        bytes += RingChunk.arrayBytes(b.length);
      }
    }
    return bytes;
  }

  /** Calls {@code sink} with each allocated chunk's base and encoding, oldest first. */
  void export(ChunkSink sink) {
    for (int i : liveSlots(Long.MIN_VALUE, Long.MAX_VALUE)) {
      Object o = slots[i];
      sink.accept(bases[i], o instanceof byte[] b ? b : ((RingChunk) o).encode(size));
    }
  }

  /**
   * Restores one exported chunk (a copy of {@code encoded} is decoded and validated).
   *
   * @throws IllegalArgumentException when the bytes are invalid or the chunk collides
   */
  void restore(long base, byte[] encoded) {
    RingChunk c = RingChunk.decode(encoded, size);
    int i = (int) Math.floorMod(base, (long) slots.length);
    if (slots[i] != null) {
      throw new IllegalArgumentException(granularity + " chunk " + base + " collides with chunk "
          + bases[i]);
    }
    slots[i] = c;
    bases[i] = base;
  }

  /** Receives exported chunks. */
  interface ChunkSink {
    void accept(long base, byte[] encoded);
  }

  private boolean inRange(int i, RingChunk c, int s, long from, long to) {
    long key = bases[i] * CHUNK + s;
    long start = key * size;
    return key >= oldestKept && start >= from && start < to && c.exists(s);
  }

  /** Slots of allocated chunks that may hold buckets starting in [from, to), oldest first. */
  private List<Integer> liveSlots(long from, long to) {
    List<Integer> out = new ArrayList<>(slots.length);
    long span = CHUNK * size;
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] == null) {
        continue;
      }
      long start = bases[i] * span;
      if (start < to && start + span > from) {
        out.add(i);
      }
    }
    out.sort((a, b) -> Long.compare(bases[a], bases[b]));
    return out;
  }

  private RingChunk readable(int i) {
    Object o = slots[i];
    return o instanceof RingChunk c ? c : RingChunk.decode((byte[]) o, size);
  }

  private RingChunk writable(long epochMillis) {
    long key = Math.floorDiv(epochMillis, size);
    if (key < oldestKept) {
      return null;
    }
    long base = Math.floorDiv(key, CHUNK);
    int i = (int) Math.floorMod(base, (long) slots.length);
    Object o = slots[i];
    if (o != null && bases[i] == base) {
      if (o instanceof byte[] b) {
        RingChunk c = RingChunk.decode(b, size);
        slots[i] = c;
        return c;
      }
      return (RingChunk) o;
    }
    if (o != null && bases[i] > base) {
      return null; // older than what the ring window now holds (clock moved back)
    }
    RingChunk c = new RingChunk();
    slots[i] = c;
    bases[i] = base;
    return c;
  }

  private int slot(long epochMillis) {
    return (int) Math.floorMod(Math.floorDiv(epochMillis, size), (long) CHUNK);
  }
}
