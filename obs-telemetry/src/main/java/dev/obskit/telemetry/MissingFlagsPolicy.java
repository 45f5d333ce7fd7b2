package dev.obskit.telemetry;

/**
 * What {@link Telemetry#start} does when the durable buffer is configured but the JVM lacks the
 * flags Chronicle Queue needs ({@code obs.telemetry.buffer.on-missing-flags}).
 */
public enum MissingFlagsPolicy {
  /** Refuse to start, naming the missing flags (the default of the module API). */
  FAIL,
  /**
   * Run on a bounded in-memory buffer (lost on a crash), log a WARN at start and report health
   * {@link TelemetryHealth.Status#DEGRADED} with the reason (the default of the logback and Log4j2
   * appenders, which must not turn a missing flag into silently lost logs).
   */
  MEMORY_FALLBACK
}
