package dev.obskit.core.event;

import java.util.function.Consumer;

/**
 * The in-process bus through which ObsKit modules talk to each other without depending on each
 * other: obs-uptime publishes alerts, obs-incidents subscribes to them, obs-billing subscribes to
 * usage events, and so on.
 *
 * <p>Guarantees, for every implementation:
 * <ul>
 *   <li>{@link #publish} never throws because of a subscriber: a failing subscriber is reported to
 *       the {@link SubscriberFailureHandler} and the remaining subscribers still receive the event.
 *   <li>{@link #publish} never blocks the caller without a bound. The {@linkplain #synchronous
 *       synchronous} bus runs subscribers on the caller's thread; the {@linkplain #async async} bus
 *       hands the event to a bounded queue and counts what it had to reject.
 *   <li>A subscriber receives events that are instances of the type it subscribed to, including
 *       subtypes, in publication order per publishing thread.
 * </ul>
 * Thread-safe.
 */
public interface EventBus extends AutoCloseable {

  /** Delivers {@code event} to every subscriber of its type or a supertype. */
  void publish(Object event);

  /**
   * Registers {@code subscriber} for events of {@code type}. The returned subscription removes it
   * when closed.
   */
  <T> Subscription subscribe(Class<T> type, Consumer<? super T> subscriber);

  /** Returns counts of what this bus has done, for health reporting. */
  EventBusStats stats();

  /** Stops accepting events; the async bus drains what it holds within its configured deadline. */
  @Override
  void close();

  /** Returns a bus that delivers on the publisher's thread, reporting failures to {@code handler}. */
  static EventBus synchronous(SubscriberFailureHandler handler) {
    return new SynchronousEventBus(handler);
  }

  /** Returns a bus that delivers on the publisher's thread and logs subscriber failures. */
  static EventBus synchronous() {
    return synchronous(SubscriberFailureHandler.logging());
  }

  /** Returns a bus that delivers on one background thread through a bounded queue. */
  static EventBus async(EventBusConfig config, SubscriberFailureHandler handler) {
    return new AsyncEventBus(config, handler);
  }
}
