package dev.obskit.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One live-tail subscriber's bounded queue of {@link TailLine}s. The logging threads only ever
 * {@code offer} into it: when it is full the subscription is ended with {@link EndReason#TOO_SLOW}
 * (a subscriber that cannot keep up is dropped, the host is never slowed down). Thread-safe; one
 * consumer thread is expected.
 */
public final class TailSubscription implements AutoCloseable {
  /** Why a subscription ended. */
  public enum EndReason {
    /** {@link #close()} was called. */
    CLOSED,
    /** Its queue was full when an event arrived: the consumer did not keep up. */
    TOO_SLOW,
    /** The pipeline was closed. */
    PIPELINE_CLOSED
  }

  private final TailFilter filter;
  private final ArrayBlockingQueue<TailLine> queue;
  private final LiveTail owner;
  private final AtomicReference<EndReason> ended = new AtomicReference<>();

  TailSubscription(TailFilter filter, int capacity, LiveTail owner) {
    this.filter = filter;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.owner = owner;
  }

  /** Returns the filter. */
  public TailFilter filter() {
    return filter;
  }

  /**
   * Waits up to {@code timeout} for the next line. Returns null on timeout or once the
   * subscription has ended and its queue is empty (see {@link #endReason()}). Blocks only the
   * calling (consumer) thread.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public TailLine poll(Duration timeout) throws InterruptedException {
    TailLine line = queue.poll();
    if (line != null || ended.get() != null) {
      return line;
    }
    return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Removes and returns up to {@code max} queued lines without waiting. */
  public List<TailLine> drain(int max) {
    List<TailLine> out = new ArrayList<>(Math.min(max, queue.size()));
    queue.drainTo(out, max);
    return out;
  }

  /** Returns true until the subscription has ended (lines queued before the end can still be read). */
  public boolean isOpen() {
    return ended.get() == null;
  }

  /** Returns why the subscription ended, or null while it is open. */
  public EndReason endReason() {
    return ended.get();
  }

  /** Ends the subscription; idempotent, never throws. */
  @Override
  public void close() {
    end(EndReason.CLOSED);
  }

  void end(EndReason reason) {
    if (ended.compareAndSet(null, reason)) {
      owner.remove(this);
    }
  }

  /** Called on the logging thread; never blocks. */
  void offer(TelemetryEvent event, LazyJson json) {
    if (!filter.matches(event)) {
      return;
    }
    TailLine line = new TailLine(event.epochNanos(), event.severity(), event.logger(),
        event.message(), json.get());
    if (!queue.offer(line)) {
      end(EndReason.TOO_SLOW);
    }
  }

  /** The record's JSON text, decoded once for all subscribers that match. */
  static final class LazyJson {
    private final byte[] bytes;
    private final int length;
    private String text;

    LazyJson(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
    }

    String get() {
      if (text == null) {
        text = new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
      }
      return text;
    }
  }
}
