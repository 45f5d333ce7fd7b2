package dev.obskit.telemetry;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live-tail source of a {@link Telemetry} pipeline: subscribers receive the log events emitted
 * from now on that match their {@link TailFilter}, after transforms (scrubbed as shipped).
 *
 * <p>Cost for the host: with no subscriber, one volatile read per event. With subscribers, the
 * logging thread filters and offers into each subscriber's bounded queue; a full queue ends that
 * subscription ({@link TailSubscription.EndReason#TOO_SLOW}) rather than waiting. At most
 * {@link #MAX_SUBSCRIBERS} subscriptions run at once. Records appended already encoded (the
 * OpenTelemetry exporters' spans and log records) are not tailed. Thread-safe.
 */
public final class LiveTail {
  /** Default per-subscriber queue size. */
  public static final int DEFAULT_CAPACITY = 1_000;
  /** Largest per-subscriber queue size accepted. */
  public static final int MAX_CAPACITY = 100_000;
  /** Most subscriptions open at once. */
  public static final int MAX_SUBSCRIBERS = 32;

  private final CopyOnWriteArrayList<TailSubscription> subscribers = new CopyOnWriteArrayList<>();
  private final LongAdder droppedSlow = new LongAdder();
  private volatile boolean closed;

  LiveTail() {}

  /**
   * Subscribes to events matching {@code filter}, queueing up to {@code capacity} lines.
   *
   * @throws IllegalArgumentException if capacity is outside 1..{@link #MAX_CAPACITY}
   * @throws IllegalStateException if {@link #MAX_SUBSCRIBERS} are open or the pipeline is closed
   */
  public TailSubscription subscribe(TailFilter filter, int capacity) {
    requireNonNull(filter, "filter");
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("capacity must be 1.." + MAX_CAPACITY + ", got " + capacity);
    }
    synchronized (subscribers) {
      if (closed) {
        throw new IllegalStateException("the telemetry pipeline is closed");
      }
      if (subscribers.size() >= MAX_SUBSCRIBERS) {
        throw new IllegalStateException("too many live-tail subscribers (at most "
            + MAX_SUBSCRIBERS + ")");
      }
      TailSubscription s = new TailSubscription(filter, capacity, this);
      subscribers.add(s);
      return s;
    }
  }

  /** Subscribes with {@link #DEFAULT_CAPACITY}. */
  public TailSubscription subscribe(TailFilter filter) {
    return subscribe(filter, DEFAULT_CAPACITY);
  }

  /** Returns the number of open subscriptions. */
  public int subscriberCount() {
    return subscribers.size();
  }

  /** Returns how many subscriptions were ended because they did not keep up. */
  public long slowSubscribersDropped() {
    return droppedSlow.sum();
  }

  /** Called on the logging thread after the event was buffered; never blocks, never throws. */
  void publish(TelemetryEvent event, byte[] encoded, int length) {
    if (subscribers.isEmpty()) {
      return;
    }
    TailSubscription.LazyJson json = new TailSubscription.LazyJson(encoded, length);
    for (TailSubscription s : subscribers) {
      try {
        s.offer(event, json);
      } catch (RuntimeException e) {
        s.end(TailSubscription.EndReason.CLOSED);
      }
    }
  }

  void remove(TailSubscription s) {
    if (subscribers.remove(s) && s.endReason() == TailSubscription.EndReason.TOO_SLOW) {
      droppedSlow.increment();
    }
  }

  void close() {
    synchronized (subscribers) {
      closed = true;
    }
    for (TailSubscription s : subscribers) {
      s.end(TailSubscription.EndReason.PIPELINE_CLOSED);
    }
  }
}
