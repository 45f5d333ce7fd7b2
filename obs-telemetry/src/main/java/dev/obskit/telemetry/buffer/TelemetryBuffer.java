package dev.obskit.telemetry.buffer;

import java.io.Closeable;

/**
 * Where encoded records wait until every sink has accepted them. SPI: the default is
 * {@link ChronicleTelemetryBuffer} (durable, on disk); {@link InMemoryTelemetryBuffer} is used only
 * when a host configures it explicitly.
 *
 * <p>Contract: {@link #append} is called from application threads, concurrently, and must never
 * throw and never block longer than the configured {@link OverflowPolicy} allows. Each consumer
 * (one per sink) reads through its own {@link BufferCursor}, whose position survives restarts in a
 * durable buffer. Records are deleted only after every cursor has committed past them.
 */
public interface TelemetryBuffer extends Closeable {
  /** Returns a short name for logs and metrics, e.g. {@code "chronicle"}. */
  String getName();

  /**
   * Appends one record (a copy of {@code bytes[offset .. offset+length)} is taken before return).
   * Thread-safe. Returns {@code true} if the record is buffered (durably, for a durable buffer) and
   * {@code false} if it was dropped by the overflow policy or because the buffer is closed; every
   * {@code false} is counted in {@link BufferStats#dropped()}.
   */
  boolean append(byte[] bytes, int offset, int length);

  /**
   * Returns the cursor of {@code consumer}, creating it at the oldest retained record the first
   * time. Cursors are single-threaded: one consumer thread each.
   */
  BufferCursor cursor(String consumer);

  /** Returns a snapshot of counters; cheap, thread-safe. */
  BufferStats stats();

  /**
   * Returns this buffer's identity: random, 16 hex digits, persisted with a durable buffer (so it
   * is the same after a restart) and different for every buffer directory. Batch ids include it,
   * so two buffers never send the same batch id for different records.
   */
  String id();

  /** Returns {@code true} if records survive a process crash. */
  boolean isDurable();

  /** Releases files and memory; later appends return {@code false}. Idempotent, never throws. */
  @Override
  void close();
}
