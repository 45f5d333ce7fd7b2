package dev.obskit.uptime.history;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the uptime module keeps its availability history and monitor states across restarts: one
 * snapshot of {@link MonitorRecord}s, replaced as a whole. Records are streamed in both
 * directions, so a snapshot of many monitors is never held in memory at once.
 *
 * <p>An implementation maps naturally to a file ({@link FileHistoryStore}) or to a table with one
 * row per monitor (id, state columns, availability blob) replaced in one transaction. The module
 * calls it from one thread at a time (its snapshot thread, its start and its stop), so
 * implementations need not be thread-safe; calls may block on I/O.
 */
public interface HistoryStore {
  /**
   * Replaces the stored snapshot with {@code records} (iterated once, lazily) atomically: a
   * concurrent or later {@link #load} sees either the previous snapshot or this one, never a mix,
   * and a failed save leaves the previous snapshot in place.
   *
   * @throws IOException when the snapshot could not be written; the previous one is kept
   */
  void save(Instant savedAt, Iterator<MonitorRecord> records) throws IOException;

  /**
   * Reads the stored snapshot, handing each record to {@code sink} only after the whole snapshot
   * has been validated (a corrupt snapshot delivers nothing).
   *
   * @return when the snapshot was saved, or empty when there is none
   * @throws CorruptHistoryException when the snapshot is unreadable (truncated, corrupt,
   *     oversized, of an unknown version); the message names the location and the problem
   * @throws IOException when reading fails for another reason
   */
  Optional<Instant> load(Consumer<MonitorRecord> sink) throws IOException;

  /**
   * Moves an unreadable snapshot aside so that the next save does not destroy it, and returns
   * where it now is (for the log).
   *
   * @throws IOException when it could not be moved
   */
  String quarantine(Instant at) throws IOException;

  /** Returns where the snapshot lives, for messages (a path, a table name). */
  String describe();
}
