package dev.obskit.errors.capture;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Throwables captured recently, by identity, without a lock: a fixed table of weak references
 * indexed by {@link System#identityHashCode} (never the Throwable's own {@code hashCode}, which a
 * subclass may override with something slow). A later capture that lands in an occupied slot
 * replaces it, so very old captures may be forgotten: the duplicate check is best-effort memory
 * bounded at {@value #SLOTS} entries, like sentry-java's weak map but never blocking. Thread-safe.
 */
final class RecentThrowables {
  static final int SLOTS = 4096;

  private final AtomicReferenceArray<WeakReference<Throwable>> slots =
      new AtomicReferenceArray<>(SLOTS);

  /** Returns whether {@code t} (this very instance) was added and not yet forgotten. */
  boolean contains(Throwable t) {
    WeakReference<Throwable> ref = slots.get(index(t));
    return ref != null && ref.get() == t;
  }

  /** Adds {@code t}; returns false when it was already present (a concurrent capture won). */
  boolean add(Throwable t) {
    int i = index(t);
    WeakReference<Throwable> mine = new WeakReference<>(t);
    while (true) {
      WeakReference<Throwable> current = slots.get(i);
      if (current != null && current.get() == t) {
        return false;
      }
      if (slots.compareAndSet(i, current, mine)) {
        return true;
      }
    }
  }

  private static int index(Throwable t) {
    int h = System.identityHashCode(t);
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }
}
