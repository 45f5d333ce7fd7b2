package dev.obskit.telemetry.buffer;

import static java.util.Objects.requireNonNull;

import dev.obskit.core.config.Checks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of a {@link TelemetryBuffer}. Immutable; build with {@link #builder()}.
 *
 * @param directory where the durable buffer keeps its files (ignored in memory)
 * @param maxBytes size cap: appends beyond it apply the overflow policy
 * @param minFreeDiskBytes disk floor: appends that would leave less free space apply the overflow
 *     policy instead of letting the JVM die of SIGBUS on a full disk (durable buffer only)
 * @param overflowPolicy what a full buffer does with a new record
 * @param blockTimeout the longest an append waits under {@link OverflowPolicy#BLOCK_WITH_TIMEOUT}
 * @param rollCycle Chronicle roll cycle name ({@code FAST_HOURLY}, {@code TEN_MINUTELY},
 *     {@code FAST_DAILY}, ...): files of fully shipped cycles are deleted
 * @param blockSize Chronicle block (chunk) size; a record may be at most a quarter of it
 * @param housekeepingInterval how often sizes and free space are re-measured
 * @param clock the time that decides roll cycles (tests use a manual clock)
 * @param diskProbe how free space is measured; null means the directory's file store
 * @param shards how many Chronicle queues the durable buffer spreads appends over: each
 *     appending thread is pinned to one shard (so its records keep their order), and threads on
 *     different shards never wait for each other's write lock; the senders read every shard
 */
public record BufferConfig(Path directory, long maxBytes, long minFreeDiskBytes,
    OverflowPolicy overflowPolicy, Duration blockTimeout, String rollCycle, long blockSize,
    Duration housekeepingInterval, Clock clock, DiskSpaceProbe diskProbe, int shards) {

  public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
  public static final long DEFAULT_MIN_FREE_DISK_BYTES = 512L * 1024 * 1024;
  public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(100);
  public static final String DEFAULT_ROLL_CYCLE = "FIVE_MINUTELY";
  /** The roll cycles accepted (Chronicle's {@code RollCycles}), shortest first. */
  public static final java.util.List<String> ROLL_CYCLES = java.util.List.of("FIVE_MINUTELY",
      "TEN_MINUTELY", "TWENTY_MINUTELY", "HALF_HOURLY", "FAST_HOURLY", "TWO_HOURLY", "FOUR_HOURLY",
      "SIX_HOURLY", "FAST_DAILY", "WEEKLY");
  public static final long DEFAULT_BLOCK_SIZE = 8L * 1024 * 1024;
  public static final Duration DEFAULT_HOUSEKEEPING_INTERVAL = Duration.ofSeconds(1);
  /** The largest block timeout accepted: an application thread is never held longer. */
  public static final Duration MAX_BLOCK_TIMEOUT = Duration.ofSeconds(30);
  /** Default number of buffer shards (see {@link #shards()}). */
  public static final int DEFAULT_SHARDS = 4;
  /** The largest shard count accepted: each shard is a queue with its own mapped files. */
  public static final int MAX_SHARDS = 64;

  /** Validates every setting; messages name the setting and the bad value. */
  public BufferConfig {
    requireNonNull(directory, "directory");
    Checks.positive("maxBytes", maxBytes);
    Checks.notNegative("minFreeDiskBytes", minFreeDiskBytes);
    requireNonNull(overflowPolicy, "overflowPolicy");
    Checks.durationBetween("blockTimeout", blockTimeout, Duration.ZERO, MAX_BLOCK_TIMEOUT);
    requireNonNull(rollCycle, "rollCycle");
    if (!ROLL_CYCLES.contains(rollCycle.trim().toUpperCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("rollCycle '" + rollCycle + "' is not one of " + ROLL_CYCLES);
    }
    if (blockSize < 1024 * 1024 || blockSize > 1024L * 1024 * 1024) {
      throw new IllegalArgumentException("blockSize must be between 1 MiB and 1 GiB, got " + blockSize);
    }
    Checks.positive("housekeepingInterval", housekeepingInterval);
    requireNonNull(clock, "clock");
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException("shards must be between 1 and " + MAX_SHARDS + ", got "
          + shards);
    }
  }

  /** Returns a builder with the defaults above, a directory {@code ./obskit-telemetry}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the largest record this configuration accepts. */
  public int maxRecordBytes() {
    return (int) Math.min(Integer.MAX_VALUE - 16, blockSize / 4);
  }

  /** Builder for {@link BufferConfig}; not thread-safe. */
  public static final class Builder {
    private Path directory = Path.of("obskit-telemetry");
    private long maxBytes = DEFAULT_MAX_BYTES;
    private long minFreeDiskBytes = DEFAULT_MIN_FREE_DISK_BYTES;
    private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_NEWEST;
    private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
    private String rollCycle = DEFAULT_ROLL_CYCLE;
    private long blockSize = DEFAULT_BLOCK_SIZE;
    private Duration housekeepingInterval = DEFAULT_HOUSEKEEPING_INTERVAL;
    private Clock clock = Clock.systemUTC();
    private DiskSpaceProbe diskProbe;
    private int shards = DEFAULT_SHARDS;

    Builder() {}

    public Builder setDirectory(Path directory) {
      this.directory = requireNonNull(directory, "directory");
      return this;
    }

    public Builder setMaxBytes(long maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    public Builder setMinFreeDiskBytes(long minFreeDiskBytes) {
      this.minFreeDiskBytes = minFreeDiskBytes;
      return this;
    }

    public Builder setOverflowPolicy(OverflowPolicy overflowPolicy) {
      this.overflowPolicy = requireNonNull(overflowPolicy, "overflowPolicy");
      return this;
    }

    public Builder setBlockTimeout(Duration blockTimeout) {
      this.blockTimeout = requireNonNull(blockTimeout, "blockTimeout");
      return this;
    }

    public Builder setRollCycle(String rollCycle) {
      this.rollCycle = requireNonNull(rollCycle, "rollCycle");
      return this;
    }

    public Builder setBlockSize(long blockSize) {
      this.blockSize = blockSize;
      return this;
    }

    public Builder setHousekeepingInterval(Duration housekeepingInterval) {
      this.housekeepingInterval = requireNonNull(housekeepingInterval, "housekeepingInterval");
      return this;
    }

    public Builder setClock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Replaces the free-space measurement (tests simulate a full disk with it). */
    public Builder setDiskProbe(DiskSpaceProbe diskProbe) {
      this.diskProbe = requireNonNull(diskProbe, "diskProbe");
      return this;
    }

    /** Sets how many Chronicle queues appends are spread over (1 to {@link #MAX_SHARDS}). */
    public Builder setShards(int shards) {
      this.shards = shards;
      return this;
    }

    public BufferConfig build() {
      return new BufferConfig(directory, maxBytes, minFreeDiskBytes, overflowPolicy, blockTimeout,
          rollCycle, blockSize, housekeepingInterval, clock, diskProbe, shards);
    }
  }
}
