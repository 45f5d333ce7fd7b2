package dev.obskit.telemetry.buffer;

import java.util.List;

/**
 * One consumer's read position in a {@link TelemetryBuffer}. Reading moves an in-memory position;
 * only {@link #commit} moves the persisted one, so a crash between read and commit re-delivers the
 * records (at-least-once). Not thread-safe: one consumer thread per cursor.
 */
public interface BufferCursor {
  /** Returns the consumer name this cursor belongs to. */
  String consumer();

  /**
   * Reads up to {@code maxRecords} records, stopping before the one that would make the total
   * exceed {@code maxBytes} (one record is always read even if bigger), and adds them to
   * {@code into}. Returns the position of the last record read, or {@code -1} if nothing was
   * available.
   */
  long read(int maxRecords, long maxBytes, List<byte[]> into);

  /** Persists that every record up to and including {@code position} has been handled. */
  void commit(long position);

  /** Returns how many records have been appended but not yet committed by this cursor. */
  long backlog();
}
