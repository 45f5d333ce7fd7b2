package dev.obskit.telemetry.buffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * A bounded, non-durable {@link TelemetryBuffer}: records live on the heap (as bytes, never as
 * logging events) and are lost if the process dies. Used only when a host configures it, for
 * example where the JVM flags Chronicle needs cannot be set; never as a silent fallback.
 *
 * <p>Bounded by {@link BufferConfig#maxBytes()}; the overflow policy applies beyond it. Records are
 * released once every cursor has committed past them. Thread-safe.
 */
public final class InMemoryTelemetryBuffer implements TelemetryBuffer {
  private final Object lock = new Object();
  private final CapacityGuard guard;
  private final int maxRecordBytes;
  private final Map<String, MemoryCursor> cursors = new ConcurrentHashMap<>();
  private byte[][] ring = new byte[1024][];
  /** Sequence number of {@code ring[head]}. */
  private long headSeq;
  private int head;
  private int size;
  private long bytes;
  private volatile boolean closed;
  private final String id = BufferIdentity.random();

  /** Creates a buffer bounded by {@code config.maxBytes()} with {@code config}'s overflow policy. */
  public InMemoryTelemetryBuffer(BufferConfig config) {
    this.maxRecordBytes = config.maxRecordBytes();
    this.guard = new CapacityGuard("memory", config.maxBytes(), 0, config.overflowPolicy(),
        config.blockTimeout(), null, this::exactBytes);
  }

  private long exactBytes() {
    synchronized (lock) {
      return bytes;
    }
  }

  @Override
  public String getName() {
    return "memory";
  }

  @Override
  public boolean append(byte[] data, int offset, int length) {
    if (closed) {
      guard.drop("the buffer is closed");
      return false;
    }
    if (length > maxRecordBytes) {
      guard.drop("a record of " + length + " bytes is larger than the largest accepted ("
          + maxRecordBytes + " bytes)");
      return false;
    }
    if (!guard.admit(length)) {
      return false;
    }
    byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
    synchronized (lock) {
      if (size == ring.length) {
        grow();
      }
      ring[(head + size) % ring.length] = copy;
      size++;
      bytes += length;
    }
    guard.appended(length);
    return true;
  }

  private void grow() {
    byte[][] bigger = new byte[ring.length * 2][];
    for (int i = 0; i < size; i++) {
      bigger[i] = ring[(head + i) % ring.length];
    }
    ring = bigger;
    head = 0;
  }

  @Override
  public BufferCursor cursor(String consumer) {
    return cursors.computeIfAbsent(consumer, MemoryCursor::new);
  }

  @Override
  public BufferStats stats() {
    return guard.stats();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean isDurable() {
    return false;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Drops records every cursor has committed, then wakes blocked appenders. */
  private void release() {
    long minCommitted = Long.MAX_VALUE;
    for (MemoryCursor c : cursors.values()) {
      minCommitted = Math.min(minCommitted, c.committed);
    }
    synchronized (lock) {
      while (size > 0 && headSeq <= minCommitted) {
        bytes -= ring[head].length;
        ring[head] = null;
        head = (head + 1) % ring.length;
        headSeq++;
        size--;
      }
    }
    guard.refresh();
  }

  private final class MemoryCursor implements BufferCursor {
    private final String consumer;
    private long next;
    private volatile long committed = -1;

    MemoryCursor(String consumer) {
      this.consumer = consumer;
      synchronized (lock) {
        this.next = headSeq;
        this.committed = headSeq - 1;
      }
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
      List<byte[]> batch = new ArrayList<>();
      long first = next;
      long total = 0;
      synchronized (lock) {
        while (batch.size() < maxRecords && next < headSeq + size) {
          byte[] r = ring[(int) ((head + (next - headSeq)) % ring.length)];
          if (!batch.isEmpty() && total + r.length > maxBytes) {
            break;
          }
          batch.add(r);
          total += r.length;
          next++;
        }
      }
      into.addAll(batch);
      for (int i = 0; i < batch.size(); i++) {
        positions.accept(first + i);
      }
      return batch.isEmpty() ? -1 : next - 1;
    }

    @Override
    public void commit(long position) {
      committed = position;
      release();
    }

    @Override
    public long backlog() {
      synchronized (lock) {
        return Math.max(0, headSeq + size - 1 - committed);
      }
    }
  }
}
