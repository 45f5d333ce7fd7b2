package dev.obskit.telemetry.buffer;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * One consumer's read position in a {@link TelemetryBuffer}. Reading moves an in-memory position;
 * only {@link #commit} moves the persisted one, so a crash between read and commit re-delivers the
 * records (at-least-once). Not thread-safe for reading and committing: one consumer thread per
 * cursor; {@link #backlog()} may be called from any thread.
 *
 * <p>A position identifies one record for the life of the buffer (for Chronicle, its queue index:
 * roll cycle and sequence, with the shard number in bits 56..62 when the buffer has several
 * shards), increases with every append to the same shard (so with every append of one thread) and
 * is what batch ids are derived from.
 */
public interface BufferCursor {
  /**
   * Bits of a position below its shard number: a sharded buffer's positions are
   * {@code (shard << SHARD_SHIFT) | index}; a single queue's are shard 0's.
   */
  int SHARD_SHIFT = 56;

  /** Returns the consumer name this cursor belongs to. */
  String consumer();

  /**
   * Reads up to {@code maxRecords} records, stopping before the one that would make the total
   * exceed {@code maxBytes} (one record is always read even if bigger), and adds them to
   * {@code into}. Returns the position to {@link #commit} once they are handled, or {@code -1} if
   * nothing was available.
   */
  long read(int maxRecords, long maxBytes, List<byte[]> into);

  /**
   * Like {@link #read(int, long, List)}, and also passes each record's own position, in the same
   * order, to {@code positions}, when this cursor has positions that are unique per record for the
   * life of the buffer (batch ids are derived from them). The default reports none; the sender then
   * derives batch ids from the returned position and the record count.
   */
  default long read(int maxRecords, long maxBytes, List<byte[]> into, LongConsumer positions) {
    return read(maxRecords, maxBytes, into);
  }

  /** Persists that every record up to and including {@code position} has been handled. */
  void commit(long position);

  /**
   * Returns how many records have been appended but not yet committed by this cursor. Cheap
   * (no scan of the records) and callable from any thread; a snapshot that may lag concurrent
   * appends.
   */
  long backlog();

  /**
   * Persists that the {@code records} records after the committed position, up to
   * {@code lastPosition} (what {@link #read} returned for them), are being delivered as one batch, so that after a restart the same batch
   * (same records, same batch id) is delivered first even if more records arrived meanwhile.
   * Superseded by the next {@link #commit}. Non-durable cursors ignore it.
   */
  default void markInFlight(long lastPosition, int records) {}

  /**
   * Returns the in-flight batch a previous run marked with {@link #markInFlight} and did not
   * commit, as {@code {lastPosition, records}}, or {@code null} if there is none.
   */
  default long[] inFlight() {
    return null;
  }
}
