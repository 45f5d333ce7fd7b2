package dev.obskit.telemetry.buffer;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One consumer's position over every shard of a {@link ChronicleTelemetryBuffer}: a
 * {@link ChronicleCursor} per shard, each with its own persisted position file.
 *
 * <p>A read fills the batch from the shards in turn, starting one shard further each time so that
 * no shard waits behind a busy one; within a shard records come in append order, so each
 * appending thread's records (one thread, one shard) keep their order. The position a read returns
 * stands for the read positions of all shards at that moment; {@link #commit} persists each
 * shard's position, so a crash between two shard commits only re-delivers (at-least-once). The
 * returned position is derived from the per-shard indices, so it identifies the same range of
 * records across restarts. Not thread-safe: one consumer thread.
 */
final class ShardedCursor implements BufferCursor {
  private static final long NONE = -1;
  /** Read positions handed out and not yet committed; a sender commits the latest one. */
  private static final int MAX_OUTSTANDING = 1024;

  private final String consumer;
  private final List<ChronicleCursor> parts;
  private final long[] readTo;
  private final long[] committedTo;
  private final Map<Long, long[]> outstanding = new LinkedHashMap<>();
  private int start;

  ShardedCursor(String consumer, List<ChronicleCursor> parts) {
    this.consumer = consumer;
    this.parts = List.copyOf(parts);
    this.readTo = new long[parts.size()];
    this.committedTo = new long[parts.size()];
    java.util.Arrays.fill(readTo, NONE);
    java.util.Arrays.fill(committedTo, NONE);
  }

  @Override
  public String consumer() {
    return consumer;
  }

  @Override
  public long read(int maxRecords, long maxBytes, List<byte[]> into) {
    int n = parts.size();
    int records = 0;
    long bytes = 0;
    boolean any = false;
    for (int k = 0; k < n && records < maxRecords && bytes < maxBytes; k++) {
      int shard = (start + k) % n;
      int before = into.size();
      long last = parts.get(shard).read(maxRecords - records, maxBytes - bytes, into, !any);
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
    start = (start + 1) % n;
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
    for (int shard = 0; shard < to.length; shard++) {
      if (to[shard] != NONE && to[shard] != committedTo[shard]) {
        parts.get(shard).commit(to[shard]);
        committedTo[shard] = to[shard];
      }
    }
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

  @Override
  public long backlog() {
    long sum = 0;
    for (ChronicleCursor c : parts) {
      sum += c.backlog();
    }
    return sum;
  }
}
