package dev.obskit.uptime.availability;

import dev.obskit.uptime.state.Booking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The buckets of one granularity for one monitor as a ring of primitive-array chunks.
 *
 * <p>Design: bucket {@code key = floor(epochMillis / size)}; keys are grouped in chunks of
 * {@link #CHUNK} consecutive keys, and chunk {@code c = floor(key / CHUNK)} lives in ring slot
 * {@code c mod chunks.length}. The ring holds the whole retention (plus {@link #SLACK} keys for
 * segments booked slightly ahead of the clock) and one spare chunk, so live buckets never share
 * a slot; a chunk is allocated on its first write (a monitor with an hour of data has one hour
 * chunk, not 30 days' worth) and dropped once all its keys fall out of the retention. Inside a
 * chunk every field is a {@link Column} of the narrowest primitive width, created only when a
 * value is first non-zero (no down-time column for a monitor that never failed); the check count
 * is the number of latency samples plus a column of the checks without one, so a monitor whose
 * checks all succeed stores no count at all. Latency keeps
 * up to two samples per bucket inline as digest indices (one byte each, exact, so a one-minute
 * bucket at a 30 s frequency needs no object); the third sample moves them into a
 * {@link LatencyDigest}. Once a chunk is closed (one bucket after its last one ended), its
 * digests are packed into one shared byte array (~2 bytes per histogram cell instead of an object
 * of ~110 bytes per hour) and decoded on read. A bucket "exists" (is listed) when any of its time
 * or check counters is non-zero, which matches creating buckets only where something happened.
 *
 * <p>Not thread-safe; guarded by {@link MonitorHistory}.
 */
final class BucketRing {
  static final int CHUNK = 64;
  static final int SLACK = 16;
  private static final int INLINE_SAMPLES = 2;
  /** Bytes of a packed chunk's offset table: {@code CHUNK + 1} two-byte offsets. */
  private static final int TABLE = 2 * (CHUNK + 1);

  private final Granularity granularity;
  private final long size;
  private final long retention;
  private final Chunk[] chunks;
  private long oldestKept = Long.MIN_VALUE;

  BucketRing(Granularity granularity) {
    this.granularity = granularity;
    this.size = granularity.sizeMillis();
    this.retention = granularity.retention().toMillis();
    long keys = retention / size + 1 + SLACK;
    this.chunks = new Chunk[(int) ((keys + CHUNK - 1) / CHUNK) + 1];
  }

  void addTime(long epochMillis, Booking booking, long millis) {
    Chunk c = chunkFor(epochMillis);
    if (c == null) {
      return;
    }
    int s = slot(epochMillis);
    switch (booking) {
      case UP -> c.up = add(c.up, s, millis);
      case DOWN -> c.down = add(c.down, s, millis);
      case MAINTENANCE -> c.maintenance = add(c.maintenance, s, millis);
      default -> throw new IllegalStateException("unknown booking " + booking);
    }
  }

  void addCheck(long epochMillis, boolean up, long latencyMillis) {
    Chunk c = chunkFor(epochMillis);
    if (c == null) {
      return;
    }
    int s = slot(epochMillis);
    if (!up) {
      c.failed = add(c.failed, s, 1);
    }
    long samplesBefore = c.samples(s);
    if (up && latencyMillis >= 0) {
      c.addLatency(s, LatencyDigest.index(latencyMillis));
    }
    if (c.samples(s) == samplesBefore) { // failed, no timing, or a saturated digest cell
      c.unsampledChecks = add(c.unsampledChecks, s, 1);
    }
  }

  /** Forgets buckets that started before {@code nowMillis - retention}. */
  void prune(long nowMillis) {
    long oldest = Math.floorDiv(nowMillis - retention, size);
    if (oldest <= oldestKept) {
      return;
    }
    oldestKept = oldest;
    // a chunk is closed once the bucket after its last one has ended too (one bucket of grace
    // for segments booked ahead and checks reported late)
    long closedBelow = Math.floorDiv(Math.floorDiv(nowMillis, size) - 1, (long) CHUNK);
    for (int i = 0; i < chunks.length; i++) {
      Chunk c = chunks[i];
      if (c != null && (c.base + 1) * CHUNK <= oldest) {
        chunks[i] = null;
      } else if (c != null && c.base < closedBelow) {
        c.pack();
      }
    }
  }

  /** Returns the buckets whose start lies in [from, to), oldest first. */
  List<BucketStats> stats(long from, long to) {
    List<BucketStats> out = new ArrayList<>();
    for (Chunk c : live()) {
      for (int s = 0; s < CHUNK; s++) {
        long start = (c.base * CHUNK + s) * size;
        if (inRange(c, s, from, to)) {
          LatencyDigest d = c.digest(s);
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
   * {@code thresholdMillis >= 0}, successful checks at or under it.
   */
  void addTotals(long from, long to, long thresholdMillis, long[] t) {
    for (Chunk c : live()) {
      for (int s = 0; s < CHUNK; s++) {
        if (!inRange(c, s, from, to)) {
          continue;
        }
        t[0] += get(c.up, s);
        t[1] += get(c.down, s);
        t[2] += get(c.maintenance, s);
        t[3] += c.checks(s);
        t[4] += get(c.failed, s);
        if (thresholdMillis >= 0) {
          LatencyDigest d = c.digest(s);
          t[5] += d == null ? 0 : d.countAtOrBelow(thresholdMillis);
        }
      }
    }
  }

  /** Returns how many chunks are allocated (for the structural memory bound). */
  int allocatedChunks() {
    int n = 0;
    for (Chunk c : chunks) {
      n += c == null ? 0 : 1;
    }
    return n;
  }

  /** Returns an estimate of this ring's heap (headers included, 8-byte aligned objects). */
  long footprintBytes() {
    long bytes = 32 + 16 + 4L * chunks.length;
    for (Chunk c : chunks) {
      if (c != null) {
        bytes += c.footprintBytes();
      }
    }
    return bytes;
  }

  private boolean inRange(Chunk c, int s, long from, long to) {
    long key = c.base * CHUNK + s;
    long start = key * size;
    return key >= oldestKept && start >= from && start < to && c.exists(s);
  }

  private List<Chunk> live() {
    List<Chunk> out = new ArrayList<>(chunks.length);
    for (Chunk c : chunks) {
      if (c != null) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparingLong(c -> c.base));
    return out;
  }

  private Chunk chunkFor(long epochMillis) {
    long key = Math.floorDiv(epochMillis, size);
    if (key < oldestKept) {
      return null;
    }
    long base = Math.floorDiv(key, CHUNK);
    int i = (int) Math.floorMod(base, (long) chunks.length);
    Chunk c = chunks[i];
    if (c != null && c.base == base) {
      return c;
    }
    if (c != null && c.base > base) {
      return null; // older than what the ring window now holds (clock moved back)
    }
    c = new Chunk(base);
    chunks[i] = c;
    return c;
  }

  private int slot(long epochMillis) {
    return (int) Math.floorMod(Math.floorDiv(epochMillis, size), (long) CHUNK);
  }

  private static Column add(Column column, int s, long delta) {
    Column c = column == null ? new Column(CHUNK) : column;
    c.add(s, delta);
    return c;
  }

  private static long get(Column column, int s) {
    return column == null ? 0 : column.get(s);
  }

  /**
   * {@link #CHUNK} consecutive buckets starting at key {@code base * CHUNK}. While open, buckets
   * with more than two samples keep a {@link LatencyDigest} object; once the chunk is closed
   * ({@link #pack()}) those digests are serialised into one shared byte array with an offset
   * table and decoded on read, and a late write into a packed bucket's digest unpacks the chunk
   * again (it is packed anew at the next prune).
   */
  private static final class Chunk {
    final long base;
    Column up;
    Column down;
    Column maintenance;
    /** Checks not counted by a latency sample; checks = samples + these (no column when all up). */
    Column unsampledChecks;
    Column failed;
    /** Digest index + 1 of up to two samples per bucket; 0 = none. */
    byte[] samples;
    /**
     * Null, the open digests ({@code LatencyDigest[CHUNK]}), or once packed a {@code byte[]}: a
     * table of {@code CHUNK + 1} big-endian 2-byte offsets, then per bucket cells of (digest
     * bucket byte, count as an unsigned 7-bit varint) in ascending bucket order; bucket {@code s}
     * spans {@code [off(s), off(s + 1))}, empty without a digest. One field for both, so the
     * chunk object (and a day of minute chunks) does not grow.
     */
    Object latency;

    Chunk(long base) {
      this.base = base;
    }

    LatencyDigest[] digests() {
      return latency instanceof LatencyDigest[] d ? d : null;
    }

    byte[] packed() {
      return latency instanceof byte[] b ? b : null;
    }

    boolean exists(int s) {
      return get(up, s) != 0 || get(down, s) != 0 || get(maintenance, s) != 0
          || checks(s) != 0;
    }

    long checks(int s) {
      return samples(s) + get(unsampledChecks, s);
    }

    /** Returns how many latency samples bucket {@code s} holds. */
    long samples(int s) {
      LatencyDigest[] ds = digests();
      if (ds != null && ds[s] != null) {
        return ds[s].total();
      }
      if (packed() != null && off(s) != off(s + 1)) {
        return packedTotal(s);
      }
      if (samples == null) {
        return 0;
      }
      int n = 0;
      for (int k = 0; k < INLINE_SAMPLES; k++) {
        n += samples[s * INLINE_SAMPLES + k] != 0 ? 1 : 0;
      }
      return n;
    }

    void addLatency(int s, int index) {
      if (packed() != null) {
        unpack();
      }
      LatencyDigest[] ds = digests();
      if (ds != null && ds[s] != null) {
        ds[s].addIndex(index);
        return;
      }
      if (samples == null) {
        samples = new byte[CHUNK * INLINE_SAMPLES];
      }
      int at = s * INLINE_SAMPLES;
      for (int k = 0; k < INLINE_SAMPLES; k++) {
        if (samples[at + k] == 0) {
          samples[at + k] = (byte) (index + 1);
          return;
        }
      }
      LatencyDigest d = new LatencyDigest();
      for (int k = 0; k < INLINE_SAMPLES; k++) {
        d.addIndex(samples[at + k] - 1);
        samples[at + k] = 0;
      }
      d.addIndex(index);
      if (ds == null) {
        ds = new LatencyDigest[CHUNK];
        latency = ds;
      }
      ds[s] = d;
    }

    /** Returns the bucket's digest (a fresh one for inline samples), or null without samples. */
    LatencyDigest digest(int s) {
      LatencyDigest[] ds = digests();
      if (ds != null && ds[s] != null) {
        return ds[s];
      }
      if (packed() != null && off(s) != off(s + 1)) {
        return decode(s);
      }
      if (samples == null || samples[s * INLINE_SAMPLES] == 0) {
        return null;
      }
      LatencyDigest d = new LatencyDigest();
      for (int k = 0; k < INLINE_SAMPLES && samples[s * INLINE_SAMPLES + k] != 0; k++) {
        d.addIndex(samples[s * INLINE_SAMPLES + k] - 1);
      }
      return d;
    }

    long footprintBytes() {
      long bytes = 40;
      for (Column c : Arrays.asList(up, down, maintenance, unsampledChecks, failed)) {
        bytes += c == null ? 0 : c.footprintBytes();
      }
      bytes += samples == null ? 0 : 16 + samples.length;
      byte[] p = packed();
      bytes += p == null ? 0 : 16 + p.length;
      LatencyDigest[] ds = digests();
      if (ds != null) {
        bytes += 16 + 4L * ds.length;
        for (LatencyDigest d : ds) {
          bytes += d == null ? 0 : d.footprintBytes();
        }
      }
      return bytes;
    }

    /** Serialises the digest objects into one byte array in {@link #latency}; no-op without any. */
    void pack() {
      if (samples != null && isZero(samples)) {
        samples = null; // every inline sample moved into a digest
      }
      LatencyDigest[] ds = digests();
      if (ds == null) {
        return;
      }
      int length = TABLE;
      for (LatencyDigest d : ds) {
        for (int i = 0; d != null && i < d.cells(); i++) {
          length += 1 + varintLength(d.countAt(i));
        }
      }
      if (length > Character.MAX_VALUE) {
        return; // cannot happen with LatencyDigest.BUCKETS cells of at most 3-byte counts
      }
      byte[] out = new byte[length];
      int at = TABLE;
      for (int s = 0; s < CHUNK; s++) {
        putOff(out, s, at);
        LatencyDigest d = ds[s];
        for (int i = 0; d != null && i < d.cells(); i++) {
          out[at++] = (byte) d.bucketAt(i);
          for (int v = d.countAt(i); ; v >>>= 7) {
            if (v < 0x80) {
              out[at++] = (byte) v;
              break;
            }
            out[at++] = (byte) (v & 0x7F | 0x80);
          }
        }
      }
      putOff(out, CHUNK, at);
      latency = out;
    }

    private int off(int s) {
      byte[] p = (byte[]) latency;
      return (p[2 * s] & 0xFF) << 8 | p[2 * s + 1] & 0xFF;
    }

    private static void putOff(byte[] out, int s, int at) {
      out[2 * s] = (byte) (at >>> 8);
      out[2 * s + 1] = (byte) at;
    }

    private void unpack() {
      LatencyDigest[] ds = new LatencyDigest[CHUNK];
      for (int s = 0; s < CHUNK; s++) {
        if (off(s) != off(s + 1)) {
          ds[s] = decode(s);
        }
      }
      latency = ds;
    }

    private LatencyDigest decode(int s) {
      LatencyDigest d = new LatencyDigest();
      byte[] p = (byte[]) latency;
      int at = off(s);
      int end = off(s + 1);
      while (at < end) {
        int bucket = p[at++] & 0xFF;
        int count = 0;
        for (int shift = 0; ; shift += 7) {
          int b = p[at++];
          count |= (b & 0x7F) << shift;
          if (b >= 0) {
            break;
          }
        }
        d.appendCell(bucket, count);
      }
      return d;
    }

    private long packedTotal(int s) {
      long total = 0;
      byte[] p = (byte[]) latency;
      int at = off(s);
      int end = off(s + 1);
      while (at < end) {
        at++; // digest bucket
        int count = 0;
        for (int shift = 0; ; shift += 7) {
          int b = p[at++];
          count |= (b & 0x7F) << shift;
          if (b >= 0) {
            break;
          }
        }
        total += count;
      }
      return total;
    }

    private static int varintLength(int v) {
      return v < 0x80 ? 1 : v < 0x4000 ? 2 : 3;
    }

    private static boolean isZero(byte[] a) {
      for (byte b : a) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }
  }
}
