package dev.obskit.core.event;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The subscriber list and delivery loop shared by both buses. Subscribing is rare and delivery is
 * hot, hence the copy-on-write list.
 */
final class SubscriberRegistry {
  private final List<Entry<?>> entries = new CopyOnWriteArrayList<>();
  private final SubscriberFailureHandler failureHandler;
  final AtomicLong published = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();

  SubscriberRegistry(SubscriberFailureHandler failureHandler) {
    this.failureHandler = Objects.requireNonNull(failureHandler, "failureHandler");
  }

  <T> Subscription add(Class<T> type, Consumer<? super T> subscriber) {
    Entry<T> entry = new Entry<>(Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(subscriber, "subscriber"));
    entries.add(entry);
    return () -> entries.remove(entry);
  }

  void deliver(Object event) {
    for (Entry<?> entry : entries) {
      if (entry.type.isInstance(event)) {
        invoke(entry, event);
      }
    }
  }

  private void invoke(Entry<?> entry, Object event) {
    try {
      entry.accept(event);
      delivered.incrementAndGet();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      report(new SubscriberFailure(event, entry.subscriber.getClass().getName(), e));
    } catch (LinkageError e) {
      // A subscriber whose optional dependency is missing (NoClassDefFoundError) or whose static
      // initialiser failed is a broken subscriber, not a reason to fail the publisher.
      failures.incrementAndGet();
      report(new SubscriberFailure(event, entry.subscriber.getClass().getName(),
          new IllegalStateException("subscriber could not run: " + e, e)));
    }
  }

  private void report(SubscriberFailure failure) {
    try {
      failureHandler.onFailure(failure);
    } catch (RuntimeException handlerError) {
      SubscriberFailureHandler.logging().onFailure(failure);
    }
  }

  EventBusStats stats() {
    return new EventBusStats(published.get(), delivered.get(), failures.get(), rejected.get());
  }

  private static final class Entry<T> {
    final Class<T> type;
    final Consumer<? super T> subscriber;

    Entry(Class<T> type, Consumer<? super T> subscriber) {
      this.type = type;
      this.subscriber = subscriber;
    }

    void accept(Object event) {
      subscriber.accept(type.cast(event));
    }
  }
}
