package dev.obskit.errors.event;

import java.util.List;
import java.util.Objects;

/**
 * One thread of Sentry's {@code threads} interface: which thread crashed or captured the event,
 * and its stack. Immutable.
 *
 * @param id the thread id as sent (number or string), or null
 * @param name the thread name, or null
 * @param crashed whether this thread crashed
 * @param current whether this thread captured the event
 * @param frames the thread's stack, caller to callee; empty when not sent
 */
public record ThreadInfo(String id, String name, boolean crashed, boolean current,
    List<StackFrame> frames) {
  /** Copies the frames. */
  public ThreadInfo {
    frames = List.copyOf(Objects.requireNonNull(frames, "frames"));
  }

  /**
   * Returns the thread whose stack stands for the event, chosen as Sentry's threads grouping
   * strategy does: the only crashed thread, else the only current thread, else the only thread;
   * null when none qualifies or the chosen thread has no frames.
   */
  public static ThreadInfo representative(List<ThreadInfo> threads) {
    if (threads.isEmpty()) {
      return null;
    }
    ThreadInfo crashed = null;
    int crashedCount = 0;
    ThreadInfo current = null;
    int currentCount = 0;
    for (ThreadInfo t : threads) {
      if (t.crashed) {
        crashed = t;
        crashedCount++;
      }
      if (t.current) {
        current = t;
        currentCount++;
      }
    }
    ThreadInfo chosen = crashedCount == 1 ? crashed
        : currentCount == 1 ? current
        : threads.size() == 1 ? threads.get(0) : null;
    return chosen == null || chosen.frames.isEmpty() ? null : chosen;
  }
}
