package dev.obskit.uptime;

import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.history.CorruptHistoryException;
import dev.obskit.uptime.history.HistoryStore;
import dev.obskit.uptime.history.MonitorRecord;
import dev.obskit.uptime.state.MachineSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and restores the module's history through a {@link HistoryStore}: restore once at
 * creation, a snapshot every {@code interval} of the module's clock (on a daemon thread when the
 * real-time driver runs, inline when the host drives time itself, so tests are deterministic),
 * and a last one at shutdown. Failures are logged, never thrown: a host whose history file is
 * broken keeps running with empty history, and the bad file is moved aside. Thread-safe.
 */
final class HistorySnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(HistorySnapshots.class);

  private final HistoryStore store;
  private final Duration interval;
  private final Clock clock;
  private final ExecutorService thread;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Map<MonitorId, MachineSnapshot> pendingStates = new ConcurrentHashMap<>();
  private final Object saveLock = new Object();
  private volatile Instant lastSave;

  HistorySnapshots(HistoryStore store, Duration interval, Clock clock, boolean background) {
    this.store = store;
    this.interval = interval;
    this.clock = clock;
    this.lastSave = clock.instant();
    this.thread = background ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "obs-uptime-history");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** Loads the stored snapshot into {@code availability}; states wait for their monitors. */
  void restore(AvailabilityStore availability) {
    try {
      int[] counts = new int[2];
      Optional<Instant> savedAt = store.load(r -> {
        if (r.availabilityLength() > 0) {
          try {
            availability.restore(r.id(), r.availability());
            counts[0]++;
          } catch (IllegalArgumentException e) {
            LOG.error("obs-uptime: skipping the history of {} from {}: {}", r.id().value(),
                store.describe(), e.getMessage());
          }
        }
        r.state().ifPresent(s -> {
          pendingStates.put(r.id(), s);
          counts[1]++;
        });
      });
      savedAt.ifPresent(at -> LOG.info("obs-uptime: restored the history of {} monitors and {}"
          + " states saved at {} from {}", counts[0], counts[1], at, store.describe()));
    } catch (CorruptHistoryException e) {
      quarantine(e);
    } catch (Exception e) {
      // IOException, or a bug in a custom store: start empty rather than fail the host
      LOG.error("obs-uptime: could not read the history from {}; starting with empty history",
          store.describe(), e);
    }
  }

  private void quarantine(CorruptHistoryException e) {
    try {
      String aside = store.quarantine(clock.instant());
      LOG.error("obs-uptime: {}; starting with empty history, the bad snapshot was moved to {}",
          e.getMessage(), aside);
    } catch (Exception moveFailed) {
      LOG.error("obs-uptime: {}; starting with empty history, and moving it aside failed: {}",
          e.getMessage(), moveFailed.toString());
    }
  }

  /** Returns (and forgets) the restored state of {@code id}, if one is waiting. */
  Optional<MachineSnapshot> takeState(MonitorId id) {
    return Optional.ofNullable(pendingStates.remove(id));
  }

  /** Saves if {@code interval} has passed since the last save; skips while one is running. */
  void maybeSave(UptimeModule module) {
    Instant now = clock.instant();
    if (now.isBefore(lastSave.plus(interval)) || !running.compareAndSet(false, true)) {
      return;
    }
    lastSave = now;
    Runnable save = () -> {
      try {
        save(module, now);
      } finally {
        running.set(false);
      }
    };
    if (thread == null) {
      save.run();
    } else {
      try {
        thread.execute(save);
      } catch (RuntimeException e) { // rejected after shutdown
        running.set(false);
      }
    }
  }

  /** Saves now on the calling thread, after any save in progress. */
  void saveNow(UptimeModule module) {
    save(module, clock.instant());
  }

  /** Stops periodic saves, waits for one in progress (up to a minute), then saves a last time. */
  void shutdown(UptimeModule module) {
    if (thread != null) {
      thread.shutdown();
      try {
        if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
          LOG.warn("obs-uptime: a history save to {} is still running", store.describe());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    saveNow(module);
  }

  private void save(UptimeModule module, Instant at) {
    synchronized (saveLock) { // the store sees one call at a time
      long t0 = System.nanoTime();
      try {
        Records records = new Records(module);
        store.save(at, records);
        LOG.debug("obs-uptime: saved {} history records to {} in {} ms", records.count,
            store.describe(), (System.nanoTime() - t0) / 1_000_000);
      } catch (Exception e) {
        LOG.error("obs-uptime: saving the history to {} failed; the previous snapshot is kept",
            store.describe(), e);
      }
    }
  }

  /** Streams one record per monitor or history id, exporting each only when reached. */
  private final class Records implements Iterator<MonitorRecord> {
    private final UptimeModule module;
    private final Iterator<MonitorId> ids;
    private int count;

    Records(UptimeModule module) {
      this.module = module;
      Set<MonitorId> all = new LinkedHashSet<>(module.availability().monitorIds());
      all.addAll(module.monitorIds());
      all.addAll(pendingStates.keySet()); // restored but not (yet) re-added: keep them
      this.ids = all.iterator();
    }

    @Override
    public boolean hasNext() {
      return ids.hasNext();
    }

    @Override
    public MonitorRecord next() {
      if (!ids.hasNext()) {
        throw new NoSuchElementException();
      }
      MonitorId id = ids.next();
      count++;
      Optional<MachineSnapshot> state = module.machineSnapshot(id)
          .or(() -> Optional.ofNullable(pendingStates.get(id)));
      byte[] blob = module.availability().export(id).orElse(new byte[0]);
      return new MonitorRecord(id, state, blob);
    }
  }
}
