package dev.obskit.telemetry.buffer;

/**
 * Counters of a buffer since it was opened in this process.
 *
 * @param appended records accepted by {@link TelemetryBuffer#append}
 * @param dropped records refused by the overflow policy (disk floor, size cap, closed buffer)
 * @param bytes bytes the buffer occupies now (on disk for a durable buffer), an estimate refreshed
 *     at least every housekeeping interval
 * @param blockedNanos total time application threads spent waiting under
 *     {@link OverflowPolicy#BLOCK_WITH_TIMEOUT}
 */
public record BufferStats(long appended, long dropped, long bytes, long blockedNanos) {}
