package dev.obskit.core.event;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers on one daemon thread. Publishing offers to a bounded queue and waits at most the
 * configured publish timeout, so a slow subscriber can never stall the host's threads; what
 * cannot be queued is counted as rejected.
 */
final class AsyncEventBus implements EventBus {
  private final SubscriberRegistry registry;
  private final BlockingQueue<Object> queue;
  private final EventBusConfig config;
  private final Thread worker;
  private volatile boolean closed;

  AsyncEventBus(EventBusConfig config, SubscriberFailureHandler handler) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = new SubscriberRegistry(handler);
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.worker = new Thread(this::run, "obskit-event-bus");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  @Override
  public void publish(Object event) {
    Objects.requireNonNull(event, "event");
    if (closed || !offer(event)) {
      registry.rejected.incrementAndGet();
      return;
    }
    registry.published.incrementAndGet();
  }

  private boolean offer(Object event) {
    long nanos = config.publishTimeout().toNanos();
    if (nanos == 0) {
      return queue.offer(event);
    }
    try {
      return queue.offer(event, nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void run() {
    while (true) {
      Object event;
      try {
        event = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event != null) {
        registry.deliver(event);
      } else if (closed) {
        return;
      }
    }
  }

  @Override
  public <T> Subscription subscribe(Class<T> type, Consumer<? super T> subscriber) {
    return registry.add(type, subscriber);
  }

  @Override
  public EventBusStats stats() {
    return registry.stats();
  }

  /** Stops accepting, lets the worker deliver what is queued, and waits up to the drain timeout. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      worker.join(Math.max(1, config.drainTimeout().toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
    }
    // Whatever is still queued (drain deadline passed, or a publish raced with close) is counted,
    // never silently lost.
    registry.rejected.addAndGet(queue.size());
    queue.clear();
  }
}
