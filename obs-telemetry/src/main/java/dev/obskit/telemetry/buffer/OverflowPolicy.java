package dev.obskit.telemetry.buffer;

/** What {@link TelemetryBuffer#append} does when the buffer is full or the disk floor is reached. */
public enum OverflowPolicy {
  /** Refuse the new record at once and count it (the default: never slows the application). */
  DROP_NEWEST,
  /**
   * Wait up to the configured block timeout for the sender to free space, then drop and count.
   * Never blocks without bound.
   */
  BLOCK_WITH_TIMEOUT
}
