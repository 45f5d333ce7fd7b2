package dev.obskit.errors.capture;

/**
 * Where captured events overflow when the tracker's in-memory queue is full, to be processed when
 * the worker catches up: a bounded, durable FIFO of serialized events. {@link FileCaptureSpool}
 * is the built-in implementation. Implementations are thread-safe; {@link #append} is called on
 * capturing threads (only while the queue is full) and must not block beyond a short write,
 * {@link #poll} on the tracker's worker.
 */
public interface CaptureSpool extends AutoCloseable {
  /** Appends one serialized event; returns false, storing nothing, when the spool is full. */
  boolean append(byte[] event);

  /** Removes and returns the oldest event, or null when the spool is empty. */
  byte[] poll();

  /** Returns the number of events stored and not yet polled. */
  long size();

  /** Releases files and handles; events not yet polled stay stored where the spool is durable. */
  @Override
  void close();
}
