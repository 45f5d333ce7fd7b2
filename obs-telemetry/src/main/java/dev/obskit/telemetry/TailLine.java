package dev.obskit.telemetry;

/**
 * One event as a live-tail subscriber receives it, after the pipeline's transforms (so scrubbed
 * like what is shipped). Immutable.
 *
 * @param epochNanos event time
 * @param severity level
 * @param logger logger name
 * @param message formatted message
 * @param json the record exactly as buffered and shipped (one JSON object, no newline)
 */
public record TailLine(long epochNanos, Severity severity, String logger, String message,
    String json) {}
