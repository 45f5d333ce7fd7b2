package dev.obskit.telemetry.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The default, durable {@link TelemetryBuffer}: a Chronicle Queue in {@link BufferConfig#directory()}
 * with one persisted read position per consumer, a size cap, a disk-space floor and deletion of
 * roll-cycle files every consumer has committed past.
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

  private final ChronicleQueueStore store;

  private ChronicleTelemetryBuffer(ChronicleQueueStore store) {
    this.store = store;
  }

  /**
   * Opens (or creates) the buffer in {@code config.directory()}; unshipped records from a previous
   * run are delivered again through each consumer's cursor.
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
    try {
      Files.createDirectories(config.directory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create telemetry buffer directory "
          + config.directory(), e);
    }
    return new ChronicleTelemetryBuffer(ChronicleQueueStore.open(config));
  }

  @Override
  public String getName() {
    return "chronicle";
  }

  @Override
  public boolean append(byte[] bytes, int offset, int length) {
    return store.append(bytes, offset, length);
  }

  @Override
  public BufferCursor cursor(String consumer) {
    return store.cursor(consumer);
  }

  @Override
  public BufferStats stats() {
    return store.stats();
  }

  @Override
  public boolean isDurable() {
    return true;
  }

  /** Re-measures size and free space now (normally done by the housekeeping thread). */
  public void refreshCapacity() {
    store.refreshCapacity();
  }

  /** Returns the number of roll-cycle files currently on disk. */
  public int fileCount() {
    return store.fileCount();
  }

  @Override
  public void close() {
    store.close();
  }
}
