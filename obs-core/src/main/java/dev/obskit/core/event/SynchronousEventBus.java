package dev.obskit.core.event;

import java.util.Objects;
import java.util.function.Consumer;

/** Delivers on the publisher's thread. */
final class SynchronousEventBus implements EventBus {
  private final SubscriberRegistry registry;
  private volatile boolean closed;

  SynchronousEventBus(SubscriberFailureHandler handler) {
    this.registry = new SubscriberRegistry(handler);
  }

  @Override
  public void publish(Object event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      registry.rejected.incrementAndGet();
      return;
    }
    registry.published.incrementAndGet();
    registry.deliver(event);
  }

  @Override
  public <T> Subscription subscribe(Class<T> type, Consumer<? super T> subscriber) {
    return registry.add(type, subscriber);
  }

  @Override
  public EventBusStats stats() {
    return registry.stats();
  }

  @Override
  public void close() {
    closed = true;
  }
}
