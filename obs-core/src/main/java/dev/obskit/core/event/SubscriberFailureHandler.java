package dev.obskit.core.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told when a subscriber fails. Must not throw; if it does, the bus logs that too and carries on.
 */
@FunctionalInterface
public interface SubscriberFailureHandler {
  /** Reports one failure. Called on the delivering thread. */
  void onFailure(SubscriberFailure failure);

  /** Returns a handler that logs each failure at WARN through SLF4J, with the stack trace. */
  static SubscriberFailureHandler logging() {
    Logger log = LoggerFactory.getLogger(EventBus.class);
    return failure -> log.warn("Event subscriber {} failed on {}",
        failure.subscriber(), failure.event().getClass().getName(), failure.error());
  }
}
