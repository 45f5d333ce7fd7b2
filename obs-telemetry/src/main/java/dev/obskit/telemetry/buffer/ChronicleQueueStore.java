package dev.obskit.telemetry.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of {@link ChronicleTelemetryBuffer}: a Chronicle queue in its own directory with one
 * persisted read position per consumer. Only reached after the facade's static initialiser has
 * disabled analytics. Capacity checks, drop counting and housekeeping belong to the facade, which
 * owns every shard.
 *
 * <p>Retention: a roll-cycle file is deleted once every open cursor has committed a record in a
 * later cycle, and never the cycle the appender writes to. The check runs on the committing
 * (sender) thread when a cursor's committed cycle advances, so it costs nothing on the append path
 * and does not depend on Chronicle's asynchronous {@code StoreFileListener}, which had several
 * release/notification bugs across versions.
 */
final class ChronicleQueueStore {
  private static final Logger log = LoggerFactory.getLogger(ChronicleQueueStore.class);
  /** Chronicle's per-excerpt header. */
  static final int HEADER_BYTES = 4;

  private final Path directory;
  private final SingleChronicleQueue queue;
  private final RollCycle rollCycle;
  private final DateTimeFormatter fileNames;
  private final Runnable afterDelete;
  private final Map<String, ChronicleCursor> cursors = new ConcurrentHashMap<>();
  private final Object retentionLock = new Object();
  private volatile boolean closed;

  private ChronicleQueueStore(Path directory, SingleChronicleQueue queue, Runnable afterDelete) {
    this.directory = directory;
    this.queue = queue;
    this.rollCycle = queue.rollCycle();
    this.afterDelete = afterDelete;
    this.fileNames = new DateTimeFormatterBuilder().appendPattern(rollCycle.format())
        .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
        .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
        .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
        .toFormatter(java.util.Locale.ROOT);
  }

  /**
   * Opens the queue in {@code directory} with the roll cycle, block size and clock of
   * {@code config}; {@code afterDelete} runs after shipped files were deleted and after every
   * commit (the facade re-measures its capacity).
   */
  static ChronicleQueueStore open(Path directory, BufferConfig config, Runnable afterDelete) {
    RollCycle cycle = parseRollCycle(config.rollCycle());
    SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile())
        .rollCycle(cycle)
        .blockSize(config.blockSize())
        .timeProvider(new ClockTimeProvider(config.clock()))
        .build();
    return new ChronicleQueueStore(directory, queue, afterDelete);
  }

  static RollCycle parseRollCycle(String name) {
    try {
      return RollCycles.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rollCycle '" + name + "' is not a Chronicle roll cycle"
          + " (e.g. FAST_HOURLY, TEN_MINUTELY, FIVE_MINUTELY, FAST_DAILY)", e);
    }
  }

  /**
   * Writes one record with the calling thread's appender; returns null, or the failure if
   * Chronicle failed or the queue was closed concurrently. Never throws.
   */
  RuntimeException append(byte[] bytes, int offset, int length) {
    try {
      ExcerptAppender appender = queue.acquireAppender();
      try (DocumentContext dc = appender.writingDocument()) {
        dc.wire().bytes().write(bytes, offset, length);
      }
      return null;
    } catch (RuntimeException e) {
      // Closed concurrently, or a Chronicle I/O failure: never into the host's thread.
      return e;
    }
  }

  /** A cursor committed: the unshipped bytes shrank, re-measure now rather than at housekeeping. */
  void committed() {
    afterDelete.run();
  }

  ChronicleCursor cursor(String consumer) {
    return cursors.computeIfAbsent(consumer, name -> new ChronicleCursor(this, name));
  }

  SingleChronicleQueue queue() {
    return queue;
  }

  Path directory() {
    return directory;
  }
  /** Deletes the files of cycles that every cursor has committed past. Sender threads call it. */
  void deleteShippedCycles() {
    synchronized (retentionLock) {
      if (closed || cursors.isEmpty()) {
        return;
      }
      int keepFrom = Integer.MAX_VALUE;
      for (ChronicleCursor c : cursors.values()) {
        keepFrom = Math.min(keepFrom, c.committedCycle());
      }
      int current = queue.cycle();
      boolean deleted = false;
      for (Path file : cycleFiles()) {
        int c = cycleOf(file);
        if (c != Integer.MAX_VALUE && c < keepFrom && c < current) {
          deleted |= delete(file);
        }
      }
      if (deleted) {
        queue.refreshDirectoryListing();
        afterDelete.run();
      }
    }
  }

  private List<Path> cycleFiles() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
          .toList();
    } catch (IOException e) {
      log.warn("Cannot list telemetry buffer directory {}: {}", directory, e.toString());
      return List.of();
    }
  }

  /** Returns the cycle a file name stands for, or MAX_VALUE if the name is not a cycle file. */
  int cycleOf(Path file) {
    String name = file.getFileName().toString();
    name = name.substring(0, name.length() - SingleChronicleQueue.SUFFIX.length());
    try {
      long millis = LocalDateTime.parse(name, fileNames).toInstant(ZoneOffset.UTC).toEpochMilli();
      return (int) ((millis - rollCycle.defaultEpoch()) / rollCycle.lengthInMillis());
    } catch (DateTimeParseException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static boolean delete(Path file) {
    try {
      boolean deleted = Files.deleteIfExists(file);
      if (deleted) {
        log.debug("Deleted shipped telemetry buffer file {}", file);
      }
      return deleted;
    } catch (IOException e) {
      log.warn("Cannot delete shipped telemetry buffer file {}: {}", file, e.toString());
      return false;
    }
  }

  /** Returns the bytes of this shard's cycle files. */
  long measureFileBytes() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
          .mapToLong(ChronicleQueueStore::sizeOf).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0; // deleted between list and size
    }
  }

  int fileCount() {
    try (Stream<Path> files = Files.list(directory)) {
      return (int) files.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
          .count();
    } catch (IOException e) {
      return -1;
    }
  }

  void close() {
    synchronized (retentionLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    cursors.values().forEach(ChronicleCursor::close);
    try {
      queue.close();
    } catch (RuntimeException e) {
      log.warn("Closing telemetry buffer failed: {}", e.toString());
    }
  }

  boolean isClosed() {
    return closed;
  }

  List<String> cursorNames() {
    return List.copyOf(cursors.keySet());
  }

  /** Chronicle rolls cycles on the configured clock, so tests can roll with a manual clock. */
  private static final class ClockTimeProvider implements TimeProvider {
    private final Clock clock;

    ClockTimeProvider(Clock clock) {
      this.clock = clock;
    }

    @Override
    public long currentTimeMillis() {
      return clock.millis();
    }
  }
}
