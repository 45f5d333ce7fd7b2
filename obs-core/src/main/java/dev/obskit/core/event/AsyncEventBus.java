package dev.obskit.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers on one daemon thread. Publishing offers to a bounded queue and waits at most the
 * configured publish timeout, so a slow subscriber can never stall the host's threads; what
 * cannot be queued is counted as rejected.
 *
 * <p>Every event is accounted for exactly once: published events are delivered, or, when
 * {@link #close} gives up at its drain deadline, taken out of the queue and counted as rejected.
 * If a subscriber throws an {@link Error} (which the registry deliberately does not catch), the
 * worker thread dies; its uncaught-exception handler counts the failure, logs it and starts a
 * replacement, so one broken subscriber cannot silently stop all later deliveries.
 */
final class AsyncEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(AsyncEventBus.class);
  private static final long POLL_MILLIS = 50;

  private final SubscriberRegistry registry;
  private final BlockingQueue<Object> queue;
  private final EventBusConfig config;
  private final Object closeLock = new Object();
  private volatile Thread worker;
  private volatile boolean closed;

  AsyncEventBus(EventBusConfig config, SubscriberFailureHandler handler) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = new SubscriberRegistry(handler);
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.worker = startWorker();
  }

  private Thread startWorker() {
    Thread thread = new Thread(this::run, "obskit-event-bus");
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(this::onWorkerDeath);
    thread.start();
    return thread;
  }

  private void onWorkerDeath(Thread dead, Throwable error) {
    registry.failures.incrementAndGet();
    synchronized (closeLock) {
      if (closed) {
        log.error("ObsKit event bus worker died while closing", error);
        return;
      }
      log.error("ObsKit event bus worker died; starting a new one", error);
      worker = startWorker();
    }
  }

  @Override
  public void publish(Object event) {
    Objects.requireNonNull(event, "event");
    if (closed || !offer(event)) {
      registry.rejected.incrementAndGet();
      return;
    }
    // close() may have drained the queue between our check and our offer; take the event back
    // out if it is still there so it is counted as rejected instead of sitting in a dead queue.
    if (closed && queue.remove(event)) {
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
        event = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
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

  /**
   * Stops accepting, lets the worker deliver what is queued, and waits up to the drain timeout.
   * Whatever is still queued then is removed and counted as rejected. Idempotent.
   */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Thread current = worker;
    if (current == Thread.currentThread()) {
      // Closed from a subscriber: the worker cannot wait for itself. It delivers what is queued
      // once this subscriber returns, then exits.
      return;
    }
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    boolean interrupted = false;
    while (current.isAlive()) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.timedJoin(current, remaining);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      current = worker;
    }
    if (current.isAlive()) {
      current.interrupt();
    }
    List<Object> undelivered = new ArrayList<>();
    queue.drainTo(undelivered);
    registry.rejected.addAndGet(undelivered.size());
    if (!undelivered.isEmpty()) {
      log.warn("ObsKit event bus closed with {} undelivered events after {} ms", undelivered.size(),
          config.drainTimeout().toMillis());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
