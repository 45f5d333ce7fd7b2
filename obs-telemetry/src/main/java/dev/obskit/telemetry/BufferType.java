package dev.obskit.telemetry;

/** Which {@link dev.obskit.telemetry.buffer.TelemetryBuffer} a {@link Telemetry} uses. */
public enum BufferType {
  /** Chronicle Queue on disk: survives crashes and restarts (the default). */
  CHRONICLE,
  /** Bounded heap buffer: lost on a crash; only when explicitly configured. */
  MEMORY
}
