package dev.obskit.core.event;

/** A registration on an {@link EventBus}; closing it stops delivery. Idempotent. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Removes the subscriber; events published afterwards are not delivered to it. */
  @Override
  void close();
}
