package dev.obskit.telemetry;

import dev.obskit.telemetry.ship.SenderStats;
import java.util.List;

/**
 * A point-in-time view of a {@link Telemetry}'s health, for hosts without Micrometer (the
 * {@code TelemetryMeterBinder} exposes the same figures).
 *
 * @param emitted events handed to the pipeline
 * @param filtered events dropped on purpose by transforms (sampling, level, logger rules)
 * @param queued records buffered but not yet accepted by the slowest sink
 * @param shipped records accepted, summed over sinks
 * @param retried send attempts that failed transiently, summed over sinks
 * @param dropped records refused by the buffer (overflow policy, oversized, closed) or that could
 *     not be encoded
 * @param deadLettered records rejected permanently by a sink
 * @param bufferBytes bytes the buffer occupies
 * @param meanSendNanos mean send latency over all sinks
 * @param maxSendNanos slowest send
 * @param sinks per-sink counters
 * @param health OK, or DEGRADED with the reasons
 * @param selfDiagnostics events of ObsKit's own and its dependencies' loggers kept out of the
 *     pipeline (process-wide; see {@link SelfDiagnostics})
 */
public record TelemetryStats(long emitted, long filtered, long queued, long shipped, long retried,
    long dropped, long deadLettered, long bufferBytes, long meanSendNanos, long maxSendNanos,
    List<SenderStats> sinks, TelemetryHealth health, long selfDiagnostics) {}
