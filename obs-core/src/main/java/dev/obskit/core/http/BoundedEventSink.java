package dev.obskit.core.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EventSink} over a bounded queue of encoded frames. {@link #send} never blocks: a full
 * queue means the client cannot keep up, so it is dropped. Thread-safe.
 */
final class BoundedEventSink implements EventSink {
  private static final String END = "";
  private final ArrayBlockingQueue<String> frames;
  private volatile boolean open = true;
  private volatile boolean dropped;

  BoundedEventSink(int capacity) {
    this.frames = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public boolean send(String event, String data) {
    if (!open) {
      return false;
    }
    if (!frames.offer(frame(event, data))) {
      dropped = true;
      open = false;
      return false;
    }
    return true;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
    frames.offer(END);
  }

  boolean dropped() {
    return dropped;
  }

  /** Returns the next frame, {@code ""} once closed and drained, or null after {@code millis}. */
  String poll(long millis) throws InterruptedException {
    if (!open && frames.isEmpty()) {
      return END;
    }
    return frames.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Returns the next frame already queued, or null. */
  String pollNow() {
    return frames.poll();
  }

  static String frame(String event, String data) {
    StringBuilder b = new StringBuilder(64);
    if (event != null && !event.isEmpty()) {
      b.append("event: ").append(event.replace('\r', ' ').replace('\n', ' ')).append('\n');
    }
    String d = data == null ? "" : data;
    int start = 0;
    for (int i = 0; i <= d.length(); i++) {
      if (i == d.length() || d.charAt(i) == '\n' || d.charAt(i) == '\r') {
        b.append("data: ").append(d, start, i).append('\n');
        if (i < d.length() - 1 && d.charAt(i) == '\r' && d.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return b.append('\n').toString();
  }
}
