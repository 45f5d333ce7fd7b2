package dev.obskit.telemetry.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongConsumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's position in the Chronicle queue. Reads go through a plain (unnamed) tailer; the
 * committed position is the first 16 bytes of {@code cursors/<consumer>.pos} (index, index XOR a
 * magic constant), rewritten in place with one positional write per commit. Chronicle's named
 * tailers persist their index as soon as a document is read, which would acknowledge a batch before
 * the sink accepted it; a separate position file keeps "commit only after 2xx" true across crashes.
 *
 * <p>Bytes 16..40 hold the in-flight marker (last index, record count, checksum) written once per
 * batch before its first send; it is only trusted while its last index is past the committed one.
 * Files written before the marker existed are 16 bytes long and simply have no marker.
 */
final class ChronicleCursor implements BufferCursor {
  private static final LongConsumer NO_POSITIONS = p -> { };
  private static final Logger log = LoggerFactory.getLogger(ChronicleCursor.class);
  private static final long MAGIC = 0x4f62734b69745043L;
  private static final long MARKER_MAGIC = 0x496e466c69676874L;
  private static final long NONE = -1;

  private final ChronicleQueueStore store;
  private final String consumer;
  /** Created and positioned on the consumer thread: Chronicle tailers are single-threaded. */
  private ExcerptTailer tailer;
  private final FileChannel positionFile;
  private final ByteBuffer scratch = ByteBuffer.allocate(40);
  private final ChronicleBacklog backlog;
  private volatile long committed;
  private volatile int committedCycle;
  private long[] inFlight;

  ChronicleCursor(ChronicleQueueStore store, String consumer) {
    this.store = store;
    this.consumer = consumer;
    try {
      Path dir = Files.createDirectories(store.directory().resolve("cursors"));
      this.positionFile = FileChannel.open(dir.resolve(safeName(consumer) + ".pos"),
          StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      this.committed = readPosition();
      this.inFlight = readMarker();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the position file of consumer " + consumer, e);
    }
    this.committedCycle = committed == NONE ? Integer.MIN_VALUE
        : store.queue().rollCycle().toCycle(committed);
    this.backlog = new ChronicleBacklog(store.queue());
  }

  static String safeName(String consumer) {
    return consumer.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private long readPosition() throws IOException {
    scratch.clear();
    if (positionFile.read(scratch, 0) < 16) {
      return NONE;
    }
    long index = scratch.getLong(0);
    if ((index ^ MAGIC) != scratch.getLong(8)) {
      log.warn("Position file of telemetry consumer '{}' is corrupt; re-reading from the oldest"
          + " record (duplicates possible, nothing lost)", consumer);
      return NONE;
    }
    return index;
  }

  /** Reads the in-flight marker; null when absent, corrupt or already committed past. */
  private long[] readMarker() throws IOException {
    scratch.clear();
    if (positionFile.read(scratch, 0) < 40) {
      return null;
    }
    long last = scratch.getLong(16);
    long records = scratch.getLong(24);
    if (markerCheck(last, records) != scratch.getLong(32) || records <= 0
        || records > Integer.MAX_VALUE || (committed != NONE && last <= committed)) {
      return null;
    }
    return new long[] {last, records};
  }

  private static long markerCheck(long last, long records) {
    return last ^ (records * 0x9E3779B97F4A7C15L) ^ MARKER_MAGIC;
  }

  /** Moves the tailer just after the committed record, or to the start if there is none. */
  private void position() {
    tailer = store.queue().createTailer();
    if (committed == NONE) {
      tailer.toStart();
      return;
    }
    if (tailer.moveToIndex(committed)) {
      try (DocumentContext dc = tailer.readingDocument()) {
        // consume the committed record itself
        dc.isPresent();
      }
    } else {
      log.warn("Telemetry consumer '{}': committed index {} no longer in the buffer; re-reading"
          + " from the oldest record (duplicates possible, nothing lost)", consumer,
          Long.toHexString(committed));
      tailer.toStart();
    }
  }

  @Override
  public String consumer() {
    return consumer;
  }

  @Override
  public long read(int maxRecords, long maxBytes, List<byte[]> into) {
    return read(maxRecords, maxBytes, into, true, Long.MAX_VALUE, NO_POSITIONS);
  }

  /** Reports each record's queue index, which is unique in this queue for its life. */
  @Override
  public long read(int maxRecords, long maxBytes, List<byte[]> into, LongConsumer positions) {
    return read(maxRecords, maxBytes, into, true, Long.MAX_VALUE, positions);
  }

  /**
   * As {@link #read(int, long, List)}; with {@code atLeastOne} false, even the first record is
   * left unread if it alone exceeds {@code maxBytes} (a sharded cursor filling the rest of a batch
   * from the next shard must not overshoot the byte limit).
   */
  long read(int maxRecords, long maxBytes, List<byte[]> into, boolean atLeastOne) {
    return read(maxRecords, maxBytes, into, atLeastOne, Long.MAX_VALUE, NO_POSITIONS);
  }

  /**
   * The general read: also stops before the first record whose index is past {@code limit}
   * (a sharded cursor re-forming the batch that was in flight at the last stop).
   */
  long read(int maxRecords, long maxBytes, List<byte[]> into, boolean atLeastOne, long limit,
      LongConsumer positions) {
    if (tailer == null) {
      position();
    }
    long last = NONE;
    long bytes = 0;
    for (int n = 0; n < maxRecords; n++) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          break;
        }
        if (dc.index() > limit) {
          dc.rollbackOnClose();
          break;
        }
        Bytes<?> b = dc.wire().bytes();
        long size = b.readRemaining();
        if ((n > 0 || !atLeastOne) && bytes + size > maxBytes) {
          dc.rollbackOnClose(); // leave it for the next batch
          break;
        }
        byte[] record = new byte[(int) size];
        b.read(record);
        into.add(record);
        bytes += size;
        last = dc.index();
        positions.accept(last);
      }
    }
    return last;
  }

  @Override
  public void commit(long position) {
    scratch.clear();
    scratch.putLong(0, position).putLong(8, position ^ MAGIC).limit(16);
    try {
      positionFile.write(scratch, 0);
    } catch (IOException e) {
      // The records stay uncommitted on disk and are shipped again after a restart.
      log.warn("Cannot persist position of telemetry consumer '{}': {}", consumer, e.toString());
    }
    committed = position;
    int cycle = store.queue().rollCycle().toCycle(position);
    if (cycle != committedCycle) {
      committedCycle = cycle;
      store.deleteShippedCycles();
    }
    store.committed();
  }

  @Override
  public void markInFlight(long lastPosition, int records) {
    scratch.clear();
    scratch.putLong(16, lastPosition).putLong(24, records)
        .putLong(32, markerCheck(lastPosition, records));
    scratch.position(16).limit(40);
    try {
      positionFile.write(scratch, 16);
    } catch (IOException e) {
      // Without the marker a restart may cut the batch differently: a new id, never a lost record.
      log.debug("Cannot persist in-flight marker of telemetry consumer '{}': {}", consumer,
          e.toString());
    }
    inFlight = null;
  }

  @Override
  public long[] inFlight() {
    long[] m = inFlight;
    return m == null ? null : m.clone();
  }

  /**
   * Returns true if the next unread record exists and its index is at most {@code limit}; reads
   * nothing.
   */
  boolean hasRecordUpTo(long limit) {
    if (tailer == null) {
      position();
    }
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) {
        return false;
      }
      dc.rollbackOnClose();
      return dc.index() <= limit;
    }
  }

  /** Returns the committed index, or -1 if nothing was committed. */
  long committed() {
    return committed;
  }

  /** Returns {@code cursors/<consumer><suffix>} in this shard's directory. */
  Path cursorFile(String suffix) {
    return store.directory().resolve("cursors").resolve(safeName(consumer) + suffix);
  }

  int committedCycle() {
    return committedCycle;
  }

  @Override
  public long backlog() {
    try {
      return backlog.count(committed);
    } catch (RuntimeException e) {
      // Closed concurrently, or a Chronicle failure: a statistic must not throw into the caller.
      log.debug("Cannot compute backlog of telemetry consumer '{}': {}", consumer, e.toString());
      return 0;
    }
  }

  void close() {
    try {
      positionFile.close();
    } catch (IOException e) {
      log.debug("closing position file: {}", e.toString());
    }
    if (tailer != null) {
      tailer.close();
    }
    backlog.close();
  }
}
