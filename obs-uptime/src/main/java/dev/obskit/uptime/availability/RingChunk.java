package dev.obskit.uptime.availability;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * {@link #CHUNK} consecutive buckets of one {@link BucketRing} in their open, writable form, and
 * the compact encoding a chunk is packed into once all its buckets are closed.
 *
 * <p>Open form: every counter is a {@link Column} of the narrowest width, created on its first
 * non-zero value; the check count is the number of latency samples plus a column of the checks
 * without one. Latency is kept per bucket as (a) up to two samples inline as one digest index
 * byte each (exact: a minute at a 30 s frequency needs nothing else), (b) a {@link LatencyDigest}
 * while a bucket with more samples is open, (c) a {@link QuantileSketch} (count + five index
 * bytes) once that bucket is closed ({@link #closeUpTo(int)}). Open digests live in a tiny list,
 * not a 64-slot array, because only the current bucket (and a late one) has one.
 *
 * <p>Packed form ({@link #encode(long)}): a mode byte, then per bucket a header byte naming the
 * fields present and their varints; when every bucket has the same header (a steady monitor) it
 * is written once. Up time equal to the rest of the bucket (the usual case) costs no bytes. So a
 * closed minute at 30 s costs 2 bytes, a closed hour or day 6-7 bytes. Open digests, if any, are
 * appended exactly (bucket, count cells) so a snapshot of an open chunk loses nothing. The
 * encoding is also the persistence format of {@link HistoryCodec}.
 *
 * <p>Not thread-safe; guarded by {@link MonitorHistory}.
 */
final class RingChunk {
  static final int CHUNK = 64;
  static final int INLINE_SAMPLES = 2;
  private static final int POINTS = QuantileSketch.POINTS;
  private static final int H_UP = 1;
  private static final int H_DOWN = 2;
  private static final int H_MAINT = 4;
  private static final int H_FAILED = 8;
  private static final int H_UNSAMPLED = 16;
  private static final int LAT_SHIFT = 5;
  private static final int LAT_SKETCH = 3;
  private static final int H_UP_REST = 128;
  private static final int MODE_UNIFORM = 1;
  private static final byte[] NO_SLOTS = new byte[0];
  private static final LatencyDigest[] NO_DIGESTS = new LatencyDigest[0];

  Column up;
  Column down;
  Column maintenance;
  private Column unsampled;
  Column failed;
  private Column sketchTotal;
  /** Digest index + 1 of up to two samples per bucket; 0 = none. */
  private byte[] samples;
  /** {@link QuantileSketch#POINTS} index bytes per bucket, valid where sketchTotal > 0. */
  private byte[] sketches;
  private byte[] openSlots = NO_SLOTS;
  private LatencyDigest[] open = NO_DIGESTS;

  static long get(Column column, int s) {
    return column == null ? 0 : column.get(s);
  }

  static Column add(Column column, int s, long delta) {
    Column c = column == null ? new Column(CHUNK) : column;
    c.add(s, delta);
    return c;
  }

  /** Whether bucket {@code s} holds anything (is listed). */
  boolean exists(int s) {
    return get(up, s) != 0 || get(down, s) != 0 || get(maintenance, s) != 0 || checks(s) != 0;
  }

  long checks(int s) {
    return samples(s) + get(unsampled, s);
  }

  /** Counts a check that has no latency sample (failed, untimed, or late into a sketch). */
  void addUnsampled(int s) {
    unsampled = add(unsampled, s, 1);
  }

  /** Returns how many latency samples bucket {@code s} holds. */
  long samples(int s) {
    LatencyDigest d = openDigest(s);
    if (d != null) {
      return d.total();
    }
    long sketched = get(sketchTotal, s);
    if (sketched > 0 || samples == null) {
      return sketched;
    }
    int n = 0;
    for (int k = 0; k < INLINE_SAMPLES; k++) {
      n += samples[s * INLINE_SAMPLES + k] != 0 ? 1 : 0;
    }
    return n;
  }

  /**
   * Adds one sample; returns false when it could not be kept as a sample (saturated digest cell,
   * or a bucket already closed into a sketch, which cannot take exact additions).
   */
  boolean addLatency(int s, int index) {
    LatencyDigest d = openDigest(s);
    if (d != null) {
      long before = d.total();
      d.addIndex(index);
      return d.total() > before;
    }
    if (get(sketchTotal, s) > 0) {
      return false;
    }
    if (samples == null) {
      samples = new byte[CHUNK * INLINE_SAMPLES];
    }
    int at = s * INLINE_SAMPLES;
    for (int k = 0; k < INLINE_SAMPLES; k++) {
      if (samples[at + k] == 0) {
        samples[at + k] = (byte) (index + 1);
        return true;
      }
    }
    d = new LatencyDigest();
    for (int k = 0; k < INLINE_SAMPLES; k++) {
      d.addIndex(samples[at + k] - 1);
      samples[at + k] = 0;
    }
    d.addIndex(index);
    putOpen(s, d);
    if (isZero(samples)) {
      samples = null; // hours and days: the only inline samples just moved into the digest
    }
    return true;
  }

  /** Returns bucket {@code s}'s response times, or null without samples. */
  LatencyView latency(int s) {
    LatencyDigest d = openDigest(s);
    if (d != null) {
      return d;
    }
    long sketched = get(sketchTotal, s);
    if (sketched > 0) {
      return QuantileSketch.read(sketched, sketches, s * POINTS);
    }
    if (samples == null || samples[s * INLINE_SAMPLES] == 0) {
      return null;
    }
    d = new LatencyDigest();
    for (int k = 0; k < INLINE_SAMPLES && samples[s * INLINE_SAMPLES + k] != 0; k++) {
      d.addIndex(samples[s * INLINE_SAMPLES + k] - 1);
    }
    return d;
  }

  /** Replaces the open digests of buckets {@code <= lastClosed} by their fixed-size sketches. */
  void closeUpTo(int lastClosed) {
    if (open.length == 0) {
      return;
    }
    int kept = 0;
    for (int i = 0; i < open.length; i++) {
      int s = openSlots[i] & 0xFF;
      if (s <= lastClosed) {
        if (sketches == null) {
          sketches = new byte[CHUNK * POINTS];
        }
        QuantileSketch.of(open[i]).writeIndices(sketches, s * POINTS);
        sketchTotal = add(sketchTotal, s, open[i].total());
      } else {
        openSlots[kept] = openSlots[i];
        open[kept++] = open[i];
      }
    }
    openSlots = kept == 0 ? NO_SLOTS : Arrays.copyOf(openSlots, kept);
    open = kept == 0 ? NO_DIGESTS : Arrays.copyOf(open, kept);
    if (samples != null && isZero(samples)) {
      samples = null; // every inline sample moved into a digest
    }
  }

  private LatencyDigest openDigest(int s) {
    for (int i = 0; i < open.length; i++) {
      if ((openSlots[i] & 0xFF) == s) {
        return open[i];
      }
    }
    return null;
  }

  private void putOpen(int s, LatencyDigest d) {
    openSlots = Arrays.copyOf(openSlots, openSlots.length + 1);
    open = Arrays.copyOf(open, open.length + 1);
    openSlots[openSlots.length - 1] = (byte) s;
    open[open.length - 1] = d;
  }

  /** Returns an estimate of this chunk's heap (headers included, 8-byte aligned objects). */
  long footprintBytes() {
    long bytes = 56;
    for (Column c : new Column[] {up, down, maintenance, unsampled, failed, sketchTotal}) {
      bytes += c == null ? 0 : c.footprintBytes();
    }
    bytes += samples == null ? 0 : arrayBytes(samples.length);
    bytes += sketches == null ? 0 : arrayBytes(sketches.length);
    if (open.length > 0) {
      bytes += arrayBytes(open.length) + arrayBytes(4L * open.length);
      for (LatencyDigest d : open) {
        bytes += d.footprintBytes();
      }
    }
    return bytes;
  }

  static long arrayBytes(long length) {
    return (16 + length + 7) & ~7L;
  }

  // ---- packed form ----

  /** Encodes this chunk (buckets of {@code size} ms) compactly; see the class comment. */
  byte[] encode(long size) {
    int[] headers = new int[CHUNK];
    boolean uniform = true;
    for (int s = 0; s < CHUNK; s++) {
      headers[s] = header(s, size);
      uniform &= headers[s] == headers[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(uniform ? 2 + CHUNK * 2 : CHUNK * 4);
    out.write(uniform ? MODE_UNIFORM : 0);
    if (uniform) {
      out.write(headers[0]);
    }
    for (int s = 0; s < CHUNK; s++) {
      if (!uniform) {
        out.write(headers[s]);
      }
      writeFields(out, s, headers[s]);
    }
    writeVarint(out, open.length);
    for (int i = 0; i < open.length; i++) {
      LatencyDigest d = open[i];
      out.write(openSlots[i]);
      writeVarint(out, d.cells());
      for (int c = 0; c < d.cells(); c++) {
        out.write(d.bucketAt(c));
        writeVarint(out, d.countAt(c));
      }
    }
    return out.toByteArray();
  }

  private int header(int s, long size) {
    long u = get(up, s);
    long dn = get(down, s);
    long m = get(maintenance, s);
    int h = (dn != 0 ? H_DOWN : 0) | (m != 0 ? H_MAINT : 0)
        | (get(failed, s) != 0 ? H_FAILED : 0) | (get(unsampled, s) != 0 ? H_UNSAMPLED : 0);
    if (u != 0) {
      h |= u + dn + m == size ? H_UP_REST : H_UP;
    }
    int kind = openDigest(s) != null ? 0 : get(sketchTotal, s) > 0 ? LAT_SKETCH
        : (int) samples(s);
    return h | kind << LAT_SHIFT;
  }

  private void writeFields(ByteArrayOutputStream out, int s, int h) {
    if ((h & H_UP) != 0) {
      writeVarint(out, get(up, s));
    }
    if ((h & H_DOWN) != 0) {
      writeVarint(out, get(down, s));
    }
    if ((h & H_MAINT) != 0) {
      writeVarint(out, get(maintenance, s));
    }
    if ((h & H_FAILED) != 0) {
      writeVarint(out, get(failed, s));
    }
    if ((h & H_UNSAMPLED) != 0) {
      writeVarint(out, get(unsampled, s));
    }
    int kind = h >>> LAT_SHIFT & 3;
    if (kind == LAT_SKETCH) {
      writeVarint(out, get(sketchTotal, s));
      out.write(sketches, s * POINTS, POINTS);
    } else {
      for (int k = 0; k < kind; k++) {
        out.write(samples[s * INLINE_SAMPLES + k] - 1);
      }
    }
  }

  /**
   * Decodes {@link #encode(long)}'s output.
   *
   * @throws IllegalArgumentException when the bytes are not a valid chunk (truncated, a field
   *     out of range, trailing bytes); the message says what and where
   */
  static RingChunk decode(byte[] p, long size) {
    Reader r = new Reader(p);
    RingChunk c = new RingChunk();
    int mode = r.u8();
    if ((mode & ~MODE_UNIFORM) != 0) {
      throw new IllegalArgumentException("unknown chunk mode " + mode);
    }
    int uniformHeader = (mode & MODE_UNIFORM) != 0 ? r.u8() : -1;
    for (int s = 0; s < CHUNK; s++) {
      c.readFields(r, s, uniformHeader >= 0 ? uniformHeader : r.u8(), size);
    }
    long n = r.varint(CHUNK);
    for (int i = 0; i < n; i++) {
      int s = r.u8();
      if (s >= CHUNK || c.openDigest(s) != null || c.samples(s) != 0) {
        throw new IllegalArgumentException("bad open digest slot " + s + " at byte " + r.at);
      }
      LatencyDigest d = new LatencyDigest();
      long cells = r.varint(LatencyDigest.BUCKETS);
      int last = -1;
      for (int k = 0; k < cells; k++) {
        int bucket = r.u8();
        if (bucket <= last || bucket >= LatencyDigest.BUCKETS) {
          throw new IllegalArgumentException("bad digest bucket " + bucket + " at byte " + r.at);
        }
        last = bucket;
        d.appendCell(bucket, (int) r.varintAtLeast1(0xFFFF));
      }
      c.putOpen(s, d);
    }
    if (r.at != p.length) {
      throw new IllegalArgumentException((p.length - r.at) + " trailing bytes after chunk");
    }
    return c;
  }

  private void readFields(Reader r, int s, int h, long size) {
    long u = (h & H_UP) != 0 ? r.varint(size) : 0;
    long dn = (h & H_DOWN) != 0 ? r.varint(size) : 0;
    long m = (h & H_MAINT) != 0 ? r.varint(size) : 0;
    if ((h & H_UP) != 0 && (h & H_UP_REST) != 0) {
      throw new IllegalArgumentException("bucket " + s + " header " + h + " sets both up flags");
    }
    if ((h & H_UP_REST) != 0) {
      u = size - dn - m;
      if (u <= 0) {
        throw new IllegalArgumentException("bucket " + s + ": no rest of bucket left for up time");
      }
    }
    if (u + dn + m > size) {
      throw new IllegalArgumentException("bucket " + s + ": " + (u + dn + m)
          + " ms booked in a " + size + " ms bucket");
    }
    up = u == 0 ? up : add(up, s, u);
    down = dn == 0 ? down : add(down, s, dn);
    maintenance = m == 0 ? maintenance : add(maintenance, s, m);
    long f = (h & H_FAILED) != 0 ? r.varintAtLeast1(Integer.MAX_VALUE) : 0;
    failed = f == 0 ? failed : add(failed, s, f);
    long un = (h & H_UNSAMPLED) != 0 ? r.varintAtLeast1(Integer.MAX_VALUE) : 0;
    unsampled = un == 0 ? unsampled : add(unsampled, s, un);
    int kind = h >>> LAT_SHIFT & 3;
    if (kind == LAT_SKETCH) {
      sketchTotal = add(sketchTotal, s, r.varintAtLeast1(Integer.MAX_VALUE));
      if (sketches == null) {
        sketches = new byte[CHUNK * POINTS];
      }
      int prev = 0;
      for (int k = 0; k < POINTS; k++) {
        int idx = r.u8();
        if (idx >= LatencyDigest.BUCKETS || idx < prev) {
          throw new IllegalArgumentException("bucket " + s + ": bad sketch index " + idx);
        }
        prev = idx;
        sketches[s * POINTS + k] = (byte) idx;
      }
    } else if (kind > 0) {
      if (samples == null) {
        samples = new byte[CHUNK * INLINE_SAMPLES];
      }
      for (int k = 0; k < kind; k++) {
        int idx = r.u8();
        if (idx >= LatencyDigest.BUCKETS) {
          throw new IllegalArgumentException("bucket " + s + ": bad sample index " + idx);
        }
        samples[s * INLINE_SAMPLES + k] = (byte) (idx + 1);
      }
    }
  }

  static void writeVarint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) (v & 0x7F | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static boolean isZero(byte[] a) {
    for (byte b : a) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** A bounds-checked cursor over encoded bytes; every failure names the byte offset. */
  static final class Reader {
    private final byte[] p;
    int at;

    Reader(byte[] p) {
      this.p = p;
    }

    int u8() {
      if (at >= p.length) {
        throw new IllegalArgumentException("truncated: needed a byte at offset " + at
            + " of " + p.length);
      }
      return p[at++] & 0xFF;
    }

    /** Reads an unsigned varint no larger than {@code max}. */
    long varint(long max) {
      int start = at;
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        if (shift > 56) {
          throw new IllegalArgumentException("varint too long at offset " + start);
        }
        int b = u8();
        v |= (long) (b & 0x7F) << shift;
        if (b < 0x80) {
          break;
        }
      }
      if (v > max) {
        throw new IllegalArgumentException("value " + v + " at offset " + start
            + " exceeds " + max);
      }
      return v;
    }

    long varintAtLeast1(long max) {
      int start = at;
      long v = varint(max);
      if (v == 0) {
        throw new IllegalArgumentException("zero count at offset " + start);
      }
      return v;
    }
  }
}
