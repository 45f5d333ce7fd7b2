package dev.obskit.core.http;

/**
 * Where a server-sent-events source writes events for one client. Backed by a bounded buffer:
 * {@link #send} never blocks; when the buffer is full the client is too slow, the sink closes
 * and the client is dropped. Thread-safe.
 */
public interface EventSink {
  /**
   * Queues one event ({@code event} may be null for an unnamed event; {@code data} may span
   * lines). Returns {@code false} once the client is gone, was dropped for being slow, or the
   * server is stopping; the source should then stop sending.
   */
  boolean send(String event, String data);

  /** Returns whether events are still delivered. */
  boolean isOpen();

  /** Ends the stream after the events already queued. */
  void close();
}
