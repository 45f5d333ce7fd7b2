package dev.obskit.telemetry.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's position over every shard of a {@link ChronicleTelemetryBuffer}: a
 * {@link ChronicleCursor} per shard, each with its own persisted position file.
 *
 * <p>A read fills the batch from the shards in turn, starting one shard further each time so that
 * no shard waits behind a busy one; within a shard records come in append order, so each
 * appending thread's records (one thread, one shard) keep their order. The position a read returns
 * stands for the read positions of all shards at that moment (a 63-bit mix of them); {@link #commit}
 * persists each shard's position, so a crash between two shard commits only re-delivers
 * (at-least-once), and the in-flight marker lets the next start finish such a commit instead.
 *
 * <p>Per-record positions: {@code (shard << 56) | index}, the record's Chronicle index with the
 * shard number in bits 56..62. Chronicle indexes stay below 2<sup>56</sup> for every roll cycle
 * this buffer accepts for decades (FIVE_MINUTELY, the finest, reaches 2<sup>56</sup> after 2076),
 * and at most {@value #MAX_SHARDS} shards are read, so positions are unique across shards,
 * non-negative, and shard 0's are plain Chronicle indexes, as with a single queue. Within a shard
 * they increase with every append.
 *
 * <p>In-flight marker: {@code cursors/<consumer>.batch} in shard 0's directory holds, for every
 * shard, the committed index and the last index of the batch being delivered (one positional write
 * per batch). After a restart the first reads return exactly those records (shard by shard) and
 * nothing else, even if more arrived meanwhile, so the batch is re-formed from the same records.
 * Not thread-safe: one consumer thread; {@link #backlog()} may be called from any thread.
 */
final class ShardedCursor implements BufferCursor {
  private static final Logger log = LoggerFactory.getLogger(ShardedCursor.class);
  /** Bits of a per-record position below the shard number. */
  static final int SHARD_SHIFT = BufferCursor.SHARD_SHIFT;
  static final int MAX_SHARDS = 128;
  private static final long NONE = -1;
  private static final long MARKER_MAGIC = 0x4f62734b53686172L;
  /** Read positions handed out and not yet committed; a sender commits the latest one. */
  private static final int MAX_OUTSTANDING = 1024;

  private final String consumer;
  private final List<ChronicleCursor> parts;
  private final long[] readTo;
  private final long[] committedTo;
  private final Map<Long, long[]> outstanding = new LinkedHashMap<>();
  private final ShardPositions[] mappers;
  private final FileChannel markerFile;
  private final ByteBuffer markerBytes;
  /** While re-forming the batch marked in flight: the last index to read in each shard. */
  private long[] limit;
  /** The marked batch of the previous run, {lastPosition, records}; null once superseded. */
  private long[] inFlight;
  private int start;

  ShardedCursor(String consumer, List<ChronicleCursor> parts) {
    if (parts.size() > MAX_SHARDS) {
      throw new IllegalArgumentException("a telemetry buffer reads at most " + MAX_SHARDS
          + " shards, found " + parts.size());
    }
    this.consumer = consumer;
    this.parts = List.copyOf(parts);
    int n = parts.size();
    this.readTo = new long[n];
    this.committedTo = new long[n];
    this.mappers = new ShardPositions[n];
    for (int s = 0; s < n; s++) {
      committedTo[s] = parts.get(s).committed();
      readTo[s] = committedTo[s];
      mappers[s] = new ShardPositions(s);
    }
    this.markerBytes = ByteBuffer.allocate(Long.BYTES * (4 + 2 * n));
    try {
      this.markerFile = FileChannel.open(parts.get(0).cursorFile(".batch"),
          StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      readMarker();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the in-flight marker of consumer " + consumer, e);
    }
  }

  /** Returns the per-record position of {@code index} in {@code shard}. */
  static long position(int shard, long index) {
    if (index >>> SHARD_SHIFT != 0) {
      throw new IllegalStateException("Chronicle index " + Long.toHexString(index)
          + " does not fit below the shard bits of a buffer position");
    }
    return ((long) shard << SHARD_SHIFT) | index;
  }

  /** Returns the shard of a per-record position. */
  static int shardOf(long position) {
    return (int) (position >>> SHARD_SHIFT);
  }

  @Override
  public String consumer() {
    return consumer;
  }

  @Override
  public long read(int maxRecords, long maxBytes, List<byte[]> into) {
    return read(maxRecords, maxBytes, into, p -> { });
  }

  @Override
  public long read(int maxRecords, long maxBytes, List<byte[]> into, LongConsumer positions) {
    int n = parts.size();
    int records = 0;
    long bytes = 0;
    boolean any = false;
    for (int k = 0; k < n && records < maxRecords && bytes < maxBytes; k++) {
      // While re-forming the marked batch, shard by shard; it is put in position order anyway.
      int shard = limit != null ? k : (start + k) % n;
      long upTo = limit != null ? limit[shard] : Long.MAX_VALUE;
      if (limit != null && readTo[shard] >= upTo) {
        continue;
      }
      int before = into.size();
      mappers[shard].target = positions;
      long last = parts.get(shard).read(maxRecords - records, maxBytes - bytes, into, !any, upTo,
          mappers[shard]);
      if (last < 0) {
        continue;
      }
      any = true;
      readTo[shard] = last;
      for (int i = before; i < into.size(); i++) {
        bytes += into.get(i).length;
      }
      records += into.size() - before;
    }
    if (limit != null) {
      liftLimitOnceReformed();
    } else {
      start = (start + 1) % n;
    }
    if (!any) {
      return NONE;
    }
    long position = positionOf(readTo);
    if (outstanding.size() >= MAX_OUTSTANDING) {
      Iterator<Long> oldest = outstanding.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    outstanding.put(position, readTo.clone());
    return position;
  }

  /** Reads resume normally once every shard's part of the marked batch was read (or is gone). */
  private void liftLimitOnceReformed() {
    for (int s = 0; s < limit.length; s++) {
      if (readTo[s] < limit[s] && parts.get(s).hasRecordUpTo(limit[s])) {
        return;
      }
    }
    limit = null;
  }

  /** A non-negative 63-bit mix of the shard positions (distinct ranges, distinct values). */
  static long positionOf(long[] indices) {
    long h = 0x9E3779B97F4A7C15L;
    for (long i : indices) {
      h = mix(h ^ i) + 0x9E3779B97F4A7C15L;
    }
    return h & Long.MAX_VALUE;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public void commit(long position) {
    long[] to = outstanding.get(position);
    if (to == null) {
      throw new IllegalArgumentException("position " + Long.toHexString(position)
          + " was not returned by a read of consumer " + consumer + " since its last commit");
    }
    commitShards(to);
    inFlight = null;
    // This position covers every earlier one.
    Iterator<Long> it = outstanding.keySet().iterator();
    while (it.hasNext()) {
      long p = it.next();
      it.remove();
      if (p == position) {
        break;
      }
    }
  }

  private void commitShards(long[] to) {
    for (int shard = 0; shard < to.length; shard++) {
      if (to[shard] != NONE && to[shard] != committedTo[shard]) {
        parts.get(shard).commit(to[shard]);
        committedTo[shard] = to[shard];
      }
    }
  }

  @Override
  public long backlog() {
    long sum = 0;
    for (ChronicleCursor c : parts) {
      sum += c.backlog();
    }
    return sum;
  }

  /**
   * Persists, for every shard, the committed index and the last index read for the batch that
   * {@code lastPosition} ends: exactly the records read since the last commit.
   */
  @Override
  public void markInFlight(long lastPosition, int records) {
    inFlight = null;
    long[] to = outstanding.get(lastPosition);
    if (to == null) {
      log.debug("Telemetry consumer '{}': no read ended at {}; batch not marked", consumer,
          Long.toHexString(lastPosition));
      return;
    }
    int n = parts.size();
    ByteBuffer b = markerBytes.clear();
    b.putLong(MARKER_MAGIC).putLong(n).putLong(records);
    for (int s = 0; s < n; s++) {
      b.putLong(committedTo[s]).putLong(to[s]);
    }
    b.putLong(checksum(b, b.position()));
    b.flip();
    try {
      markerFile.write(b, 0);
    } catch (IOException e) {
      // Without the marker a restart may cut the batch differently: a new id, never a lost record.
      log.debug("Cannot persist in-flight marker of telemetry consumer '{}': {}", consumer,
          e.toString());
    }
  }

  @Override
  public long[] inFlight() {
    long[] m = inFlight;
    return m == null ? null : m.clone();
  }

  /**
   * Reads the marker of the previous run. If no shard has committed the batch, the next reads are
   * limited to it; if some shards committed it and others not (a crash between the per-shard
   * commits of a delivered batch), the commit is finished here; otherwise it is stale.
   */
  private void readMarker() throws IOException {
    int n = parts.size();
    ByteBuffer b = markerBytes.clear();
    if (markerFile.read(b, 0) < b.capacity()) {
      return;
    }
    if (b.getLong(0) != MARKER_MAGIC || b.getLong(8) != n
        || b.getLong(b.capacity() - 8) != checksum(b, b.capacity() - 8)) {
      return; // absent, written with another shard count, or torn
    }
    long records = b.getLong(16);
    long[] from = new long[n];
    long[] to = new long[n];
    boolean allAtFrom = true;
    boolean eachAtFromOrTo = true;
    boolean anyRecords = false;
    for (int s = 0; s < n; s++) {
      from[s] = b.getLong(24 + 16 * s);
      to[s] = b.getLong(32 + 16 * s);
      anyRecords |= to[s] != from[s];
      allAtFrom &= committedTo[s] == from[s];
      eachAtFromOrTo &= committedTo[s] == from[s] || committedTo[s] == to[s];
    }
    if (!anyRecords || records <= 0 || records > Integer.MAX_VALUE) {
      return;
    }
    if (allAtFrom) {
      limit = to;
      inFlight = new long[] {positionOf(to), records};
    } else if (eachAtFromOrTo) {
      log.info("Telemetry consumer '{}': finishing the commit of the batch delivered before the"
          + " last stop", consumer);
      commitShards(to);
      System.arraycopy(committedTo, 0, readTo, 0, n);
    }
  }

  private static long checksum(ByteBuffer b, int length) {
    long h = MARKER_MAGIC;
    for (int i = 0; i < length; i += 8) {
      h = mix(h ^ b.getLong(i));
    }
    return h;
  }

  void close() {
    try {
      markerFile.close();
    } catch (IOException e) {
      log.debug("closing in-flight marker file: {}", e.toString());
    }
  }

  /** Turns one shard's Chronicle indexes into buffer positions for the current read's consumer. */
  private static final class ShardPositions implements LongConsumer {
    private final int shard;
    LongConsumer target;

    ShardPositions(int shard) {
      this.shard = shard;
    }

    @Override
    public void accept(long index) {
      target.accept(position(shard, index));
    }
  }
}
