package dev.obskit.telemetry.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default, durable {@link TelemetryBuffer}: Chronicle Queues under
 * {@link BufferConfig#directory()} with one persisted read position per consumer, a size cap, a
 * disk-space floor and deletion of roll-cycle files every consumer has committed past.
 *
 * <p>Shards: appends are spread over {@link BufferConfig#shards()} queues (shard 0 in the
 * directory itself, shard {@code i} in {@code shard-i/}). Each appending thread is pinned to one
 * shard the first time it appends, so its records keep their order, and threads pinned to different
 * shards never wait for each other: Chronicle's write lock spins, and on a machine with fewer cores
 * than logging threads a spinning waiter behind a descheduled holder cost more than the append
 * itself. Every consumer reads all shards. At open, every shard directory found on disk is read,
 * even beyond the configured count, so lowering the setting loses nothing.
 *
 * <p>Chronicle's usage analytics are disabled in this class's static initialiser, which runs before
 * any Chronicle class is initialised (Chronicle types live only in the package-private store this
 * class opens). Durability: an append that returned {@code true} is in the memory-mapped file and
 * survives a crash of the process (not a power loss).
 *
 * <p>Thread-safe. {@link #append} never throws and never blocks beyond the policy's timeout.
 */
public final class ChronicleTelemetryBuffer implements TelemetryBuffer {
  static {
    // Must happen before Chronicle's AnalyticsHolder initialises; respect an explicit host choice.
    if (System.getProperty("chronicle.analytics.disable") == null) {
      System.setProperty("chronicle.analytics.disable", "true");
    }
    if (System.getProperty("chronicle.announcer.disable") == null) {
      System.setProperty("chronicle.announcer.disable", "true");
    }
  }

  /** The JVM flags to pass when starting the host (also in the README). */
  public static final String REQUIRED_JVM_FLAGS = ChronicleFlags.RECOMMENDED;

  private static final Logger log = LoggerFactory.getLogger(ChronicleTelemetryBuffer.class);
  /** Mean record size assumed for records of a previous run, before this run appended any. */
  private static final long FIRST_RECORD_BYTES_ESTIMATE = 512;
  private static final Pattern SHARD_DIR = Pattern.compile("shard-(\\d+)");

  private final BufferConfig config;
  /** Every shard read by the consumers; the first {@link #appendShards} also take appends. */
  private final List<ChronicleQueueStore> shards = new ArrayList<>();
  private final int appendShards;
  private final AtomicInteger nextShard = new AtomicInteger();
  private final ThreadLocal<ChronicleQueueStore> shardOfThread;
  private final CapacityGuard guard;
  private final Map<String, BufferCursor> cursors = new ConcurrentHashMap<>();
  private final ScheduledExecutorService housekeeping;
  private volatile boolean closed;
  private final String id;

  private ChronicleTelemetryBuffer(BufferConfig config, int existingShards) {
    this.config = config;
    this.id = BufferIdentity.readOrCreate(config.directory());
    this.appendShards = config.shards();
    int open = Math.max(appendShards, existingShards);
    try {
      for (int i = 0; i < open; i++) {
        shards.add(ChronicleQueueStore.open(shardDirectory(config.directory(), i), config,
            this::refreshCapacity));
      }
    } catch (RuntimeException e) {
      shards.forEach(ChronicleQueueStore::close);
      throw e;
    }
    if (open > appendShards) {
      log.info("Telemetry buffer {}: {} shards on disk, appending to {}; the others are drained",
          config.directory(), open, appendShards);
    }
    this.shardOfThread = ThreadLocal.withInitial(
        () -> shards.get(Math.floorMod(nextShard.getAndIncrement(), appendShards)));
    DiskSpaceProbe probe = config.diskProbe();
    if (probe == null) {
      try {
        probe = DiskSpaceProbe.of(config.directory());
      } catch (IOException e) {
        shards.forEach(ChronicleQueueStore::close);
        throw new UncheckedIOException("cannot find the file store of " + config.directory(), e);
      }
    }
    // The floor includes one block per shard: the next append to each may map a whole new chunk.
    this.guard = new CapacityGuard("chronicle:" + config.directory(), config.maxBytes(),
        config.minFreeDiskBytes() + config.blockSize() * appendShards, config.overflowPolicy(),
        config.blockTimeout(), probe, this::measureUnshippedBytes);
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "obskit-telemetry-buffer-housekeeping");
      t.setDaemon(true);
      return t;
    });
    long every = config.housekeepingInterval().toMillis();
    housekeeping.scheduleWithFixedDelay(this::housekeep, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Returns the flags of {@link #REQUIRED_JVM_FLAGS} this JVM lacks (empty when the durable buffer
   * can run). Loads no Chronicle class.
   */
  public static List<String> missingJvmFlags() {
    return ChronicleFlags.missing();
  }

  /**
   * Opens (or creates) the buffer in {@code config.directory()}; unshipped records from a previous
   * run, in every shard found there, are delivered again through each consumer's cursor.
   *
   * @throws IllegalStateException if the JVM lacks the flags Chronicle needs; the message names
   *     the flags and the in-memory alternative
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static ChronicleTelemetryBuffer open(BufferConfig config) {
    List<String> missing = ChronicleFlags.missing();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(ChronicleFlags.message(missing));
    }
    ChronicleLogRouting.install();
    try {
      Files.createDirectories(config.directory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create telemetry buffer directory "
          + config.directory(), e);
    }
    return new ChronicleTelemetryBuffer(config, existingShards(config.directory()));
  }

  /** Shard 0 is the directory itself (the layout before shards existed), shard i is shard-i/. */
  static Path shardDirectory(Path directory, int shard) {
    return shard == 0 ? directory : directory.resolve("shard-" + shard);
  }

  /** Returns one more than the highest shard number found on disk (1 if there is none). */
  private static int existingShards(Path directory) {
    int count = 1;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = SHARD_DIR.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p) && m.group(1).length() < 4) {
          count = Math.max(count, Integer.parseInt(m.group(1)) + 1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list telemetry buffer directory " + directory, e);
    }
    return count;
  }

  @Override
  public String getName() {
    return "chronicle";
  }

  @Override
  public boolean append(byte[] bytes, int offset, int length) {
    if (closed) {
      guard.drop("the buffer is closed");
      return false;
    }
    if (length > config.maxRecordBytes()) {
      guard.drop("a record of " + length + " bytes is larger than the largest accepted ("
          + config.maxRecordBytes() + " bytes, a quarter of the block size)");
      return false;
    }
    int stored = length + ChronicleQueueStore.HEADER_BYTES;
    if (!guard.admit(stored)) {
      return false;
    }
    RuntimeException failure = shardOfThread.get().append(bytes, offset, length);
    if (failure == null) {
      guard.appended(stored);
      return true;
    }
    guard.drop("the Chronicle append failed: " + failure);
    return false;
  }

  @Override
  public BufferCursor cursor(String consumer) {
    return cursors.computeIfAbsent(consumer, name -> {
      if (shards.size() == 1) {
        return shards.get(0).cursor(name);
      }
      List<ChronicleCursor> parts = new ArrayList<>();
      shards.forEach(s -> parts.add(s.cursor(name)));
      return new ShardedCursor(name, parts);
    });
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
    return true;
  }

  /** Returns how many shards are open (configured, plus any older ones still being drained). */
  public int shardCount() {
    return shards.size();
  }

  /** Re-measures size and free space now (normally done by the housekeeping thread). */
  public void refreshCapacity() {
    CapacityGuard g = guard;
    if (g != null) { // null while the constructor opens the shards
      g.refresh();
    }
  }

  /** Returns the bytes of the roll-cycle files on disk, over all shards (shipped or not). */
  public long fileBytes() {
    return measureFileBytes();
  }

  /** Returns the number of roll-cycle files currently on disk, over all shards. */
  public int fileCount() {
    int n = 0;
    for (ChronicleQueueStore s : shards) {
      n += Math.max(0, s.fileCount());
    }
    return n;
  }

  /**
   * Bytes not yet shipped to the slowest sink: its backlog (exact, from Chronicle indexes) times
   * the mean stored record size of this run (before the first append: the mean over the files on
   * disk). Shipped records do not count, even while their roll-cycle file is still on disk; the
   * disk floor bounds the files themselves.
   */
  private long measureUnshippedBytes() {
    long backlog = 0;
    for (BufferCursor c : cursors.values()) {
      backlog = Math.max(backlog, c.backlog());
    }
    if (cursors.isEmpty() || guard == null) {
      return cursors.isEmpty() ? 0 : backlog * FIRST_RECORD_BYTES_ESTIMATE;
    }
    return backlog * guard.meanRecordBytes(FIRST_RECORD_BYTES_ESTIMATE);
  }

  private long measureFileBytes() {
    long sum = 0;
    for (ChronicleQueueStore s : shards) {
      sum += s.measureFileBytes();
    }
    return sum;
  }

  private void housekeep() {
    try {
      guard.refresh();
      shards.forEach(ChronicleQueueStore::deleteShippedCycles);
    } catch (RuntimeException e) {
      log.warn("Telemetry buffer housekeeping failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    housekeeping.shutdownNow();
    for (BufferCursor c : cursors.values()) {
      if (c instanceof ShardedCursor sharded) {
        sharded.close();
      }
    }
    shards.forEach(ChronicleQueueStore::close);
  }
}
