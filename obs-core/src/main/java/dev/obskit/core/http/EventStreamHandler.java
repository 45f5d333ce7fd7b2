package dev.obskit.core.http;

/** Opens a server-sent-events stream for one client. */
@FunctionalInterface
public interface EventStreamHandler {
  /**
   * Starts sending to {@code sink} (typically by subscribing it to a source) and returns what to
   * close when the client goes; must not block.
   */
  AutoCloseable open(EventSink sink) throws Exception;
}
