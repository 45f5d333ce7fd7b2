package dev.obskit.incidents.incident;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Delivers stored incident changes to listeners and the bus in revision order.
 *
 * <p>Two orders can break without it. A listener that changes the incident while it is being told
 * about the change (the escalation engine pages on {@code OPENED} and stores {@code ESCALATED})
 * would have the nested change delivered before the outer one finishes, so later subscribers saw
 * {@code ESCALATED (v2)} before {@code OPENED (v1)}; and two threads storing v2 and v3 could
 * deliver them in either order.
 *
 * <p>Design: each store and the queuing of its event happen under one of {@value #STRIPES} locks
 * chosen by the incident, so the queue holds one incident's events in version order (a version
 * can only be stored after the previous one was read, hence after it was queued). The queue is
 * drained by one thread at a time, the caller that finds nobody draining: a nested change queues
 * its event and returns, and the outer loop delivers it after the current one. A command on
 * another thread may therefore return before its listeners ran; the draining thread delivers them
 * before it returns. Thread-safe; {@code deliver} must not throw.
 */
final class RevisionOrderedDelivery {
  private static final int STRIPES = 64;

  private final Object[] stripes = new Object[STRIPES];
  private final Queue<IncidentEvent> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Consumer<IncidentEvent> deliver;

  RevisionOrderedDelivery(Consumer<IncidentEvent> deliver) {
    this.deliver = Objects.requireNonNull(deliver, "deliver");
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /**
   * Runs {@code store}; when it returns normally queues {@code event} and delivers what is queued
   * unless another call is already delivering. An exception from {@code store} propagates and
   * nothing is queued.
   */
  void commit(Runnable store, IncidentEvent event) {
    Incident incident = event.incident();
    synchronized (stripes[Math.floorMod(Objects.hash(incident.teamId(), incident.id()), STRIPES)]) {
      store.run();
      outbox.add(event);
    }
    drain();
  }

  private void drain() {
    while (!outbox.isEmpty() && draining.compareAndSet(false, true)) {
      try {
        for (IncidentEvent e = outbox.poll(); e != null; e = outbox.poll()) {
          deliver.accept(e);
        }
      } finally {
        draining.set(false);
      }
    }
  }
}
