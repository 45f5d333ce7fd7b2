package dev.obskit.telemetry.ship;

import static java.util.Objects.requireNonNull;

import dev.obskit.core.config.Checks;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How senders batch and retry.
 *
 * @param maxBatchRecords a batch is sent when it holds this many records
 * @param maxBatchBytes ... or this many bytes (uncompressed)
 * @param maxBatchAge ... or when its oldest record has waited this long
 * @param initialBackoff first retry delay (before jitter)
 * @param maxBackoff longest retry delay; retries never stop, the buffer holds the data
 * @param idlePoll how often an idle sender looks for new records
 * @param deadLetterDirectory where rejected batches are written, one file per sink
 * @param deadLetterMaxBytes size cap of each dead-letter file; beyond it rejected batches are
 *     counted and logged but not written
 */
public record ShipConfig(int maxBatchRecords, long maxBatchBytes, Duration maxBatchAge,
    Duration initialBackoff, Duration maxBackoff, Duration idlePoll, Path deadLetterDirectory,
    long deadLetterMaxBytes) {
  public static final int DEFAULT_MAX_BATCH_RECORDS = 10_000;
  public static final long DEFAULT_MAX_BATCH_BYTES = 4L * 1024 * 1024;
  public static final Duration DEFAULT_MAX_BATCH_AGE = Duration.ofSeconds(1);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  /** Short enough that a backlog moves within 5 s of a sink's recovery (4 s plus the send). */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(4);
  public static final Duration DEFAULT_IDLE_POLL = Duration.ofMillis(20);
  public static final long DEFAULT_DEAD_LETTER_MAX_BYTES = 256L * 1024 * 1024;

  /** Validates; messages name the setting. */
  public ShipConfig {
    Checks.positive("maxBatchRecords", maxBatchRecords);
    Checks.positive("maxBatchBytes", maxBatchBytes);
    Checks.positive("maxBatchAge", maxBatchAge);
    Checks.positive("initialBackoff", initialBackoff);
    Checks.positive("maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff (" + maxBackoff
          + ") must be >= initialBackoff (" + initialBackoff + ")");
    }
    Checks.positive("idlePoll", idlePoll);
    requireNonNull(deadLetterDirectory, "deadLetterDirectory");
    Checks.positive("deadLetterMaxBytes", deadLetterMaxBytes);
  }

  /** Returns the defaults with dead letters in {@code deadLetterDirectory}. */
  public static ShipConfig defaults(Path deadLetterDirectory) {
    return new ShipConfig(DEFAULT_MAX_BATCH_RECORDS, DEFAULT_MAX_BATCH_BYTES,
        DEFAULT_MAX_BATCH_AGE, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_IDLE_POLL,
        deadLetterDirectory, DEFAULT_DEAD_LETTER_MAX_BYTES);
  }

  /** Returns a copy with other batch limits. */
  public ShipConfig withBatch(int records, long bytes, Duration age) {
    return new ShipConfig(records, bytes, age, initialBackoff, maxBackoff, idlePoll,
        deadLetterDirectory, deadLetterMaxBytes);
  }

  /** Returns a copy with other backoff bounds. */
  public ShipConfig withBackoff(Duration initial, Duration max) {
    return new ShipConfig(maxBatchRecords, maxBatchBytes, maxBatchAge, initial, max, idlePoll,
        deadLetterDirectory, deadLetterMaxBytes);
  }
}
