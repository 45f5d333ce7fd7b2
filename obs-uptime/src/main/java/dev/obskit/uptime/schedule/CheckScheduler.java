package dev.obskit.uptime.schedule;

import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.SkipCause;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The due-queue of checks. Time comes only from the clock, so the same code runs under a real
 * driver thread in production ({@link SchedulerDriver}) and under a test that advances a
 * {@code ManualClock} and calls {@link #runDue()}.
 *
 * <p>Design. A priority queue ordered by due time holds one entry per monitor. {@link #runDue}
 * pops every entry due at "now", re-queues it one period later (fixed rate, so checks do not
 * drift by their own duration; when more than a period behind it skips the missed slots rather
 * than bursting) and launches the probe. The first due time is {@code now + jitter} where the
 * jitter is a hash of the monitor id spread over its whole period, so 10,000 monitors added at
 * once fire evenly across the period, and deterministically (tests know when a monitor fires).
 * A per-host gate bounds concurrent probes to one target host; a probe over the limit waits in
 * that host's bounded FIFO and starts when a probe of the same host completes; idle gates are
 * evicted. Thread-safe: the queue is
 * guarded by a lock, host gates by their own locks, counters are atomic.
 */
public final class CheckScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);
  /** Default most probes waiting for one host. */
  public static final int DEFAULT_MAX_WAITING_PER_HOST = 100_000;

  private final Clock clock;
  private final ProbeLauncher launcher;
  private final int maxPerHost;
  private final boolean jitter;
  private final Object lock = new Object();
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private final Map<MonitorId, Entry> entries = new HashMap<>();
  private final ConcurrentHashMap<String, HostGate> gates = new ConcurrentHashMap<>();
  private final LatenessRecorder lateness = new LatenessRecorder();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong deferred = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong overflow = new AtomicLong();
  private final int maxWaitingPerHost;
  private long sequence;

  /**
   * Creates a scheduler.
   *
   * @param maxPerHost most concurrent probes per target host, at least 1
   * @param jitter whether first checks are spread over the period (false: first check at once)
   */
  public CheckScheduler(Clock clock, ProbeLauncher launcher, int maxPerHost, boolean jitter) {
    this(clock, launcher, maxPerHost, DEFAULT_MAX_WAITING_PER_HOST, jitter);
  }

  /**
   * Creates a scheduler.
   *
   * @param maxPerHost most concurrent probes per target host, at least 1
   * @param maxWaitingPerHost most probes waiting for one host, at least 1; a check finding the
   *     wait full is not run ({@link ProbeLauncher#skipped}) and counted
   * @param jitter whether first checks are spread over the period (false: first check at once)
   */
  public CheckScheduler(Clock clock, ProbeLauncher launcher, int maxPerHost,
      int maxWaitingPerHost, boolean jitter) {
    if (maxWaitingPerHost < 1) {
      throw new IllegalArgumentException("maxWaitingPerHost must be at least 1, got "
          + maxWaitingPerHost);
    }
    this.maxWaitingPerHost = maxWaitingPerHost;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.launcher = Objects.requireNonNull(launcher, "launcher");
    if (maxPerHost < 1) {
      throw new IllegalArgumentException("maxPerHost must be at least 1, got " + maxPerHost);
    }
    this.maxPerHost = maxPerHost;
    this.jitter = jitter;
  }

  /** Schedules {@code monitor} (replacing an older definition, keeping its phase). */
  public void schedule(Monitor monitor) {
    Objects.requireNonNull(monitor, "monitor");
    long now = clock.millis();
    synchronized (lock) {
      Entry old = entries.remove(monitor.id());
      long due;
      if (old != null) {
        old.cancelled = true;
        due = Math.min(old.due, now + monitor.frequency().toMillis());
      } else {
        due = now + (jitter ? jitterMillis(monitor) : 0);
      }
      Entry e = new Entry(monitor, due, sequence++);
      entries.put(monitor.id(), e);
      queue.add(e);
    }
  }

  /** Removes a monitor; a probe already running completes but is not rescheduled. */
  public boolean unschedule(MonitorId id) {
    synchronized (lock) {
      Entry e = entries.remove(id);
      if (e != null) {
        e.cancelled = true;
      }
      return e != null;
    }
  }

  /** Returns the earliest due time in epoch millis, if any monitor is scheduled. */
  public Optional<Long> nextDueMillis() {
    synchronized (lock) {
      Entry e;
      while ((e = queue.peek()) != null && e.cancelled) {
        queue.poll();
      }
      return e == null ? Optional.empty() : Optional.of(e.due);
    }
  }

  /**
   * Launches every check due now. Returns a future completing when all of them (including any
   * held back by a host limit) have completed; tests join it, the driver ignores it.
   */
  public CompletableFuture<Void> runDue() {
    long now = clock.millis();
    List<Entry> due = new ArrayList<>();
    synchronized (lock) {
      Entry e;
      while ((e = queue.peek()) != null && (e.cancelled || e.due <= now)) {
        queue.poll();
        if (e.cancelled) {
          continue;
        }
        due.add(e);
        Entry next = e.next(now, sequence++);
        if (next.due - e.due > e.monitor.frequency().toMillis()) {
          skipped.addAndGet((next.due - e.due) / e.monitor.frequency().toMillis() - 1);
        }
        entries.put(e.monitor.id(), next);
        queue.add(next);
      }
    }
    List<CompletableFuture<?>> futures = new ArrayList<>(due.size());
    for (Entry e : due) {
      futures.add(submit(e));
    }
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
  }

  /** Returns a snapshot of the counters. */
  public SchedulerStats stats() {
    int size;
    synchronized (lock) {
      size = entries.size();
    }
    long s = started.get();
    long c = completed.get();
    return new SchedulerStats(size, s, c, s - c, deferred.get(), skipped.get(),
        lateness.percentile(50), lateness.percentile(99), lateness.percentile(100),
        overflow.get(), gates.size());
  }

  /** Clears the lateness histogram (e.g. after a warm-up). */
  public void resetLateness() {
    lateness.reset();
  }

  static long jitterMillis(Monitor monitor) {
    long period = monitor.frequency().toMillis();
    long h = monitor.id().value().hashCode() * 0x9E3779B97F4A7C15L;
    return Math.floorMod(h ^ (h >>> 29), period);
  }

  private CompletableFuture<?> submit(Entry e) {
    String host = e.monitor.spec().targetHost();
    while (true) {
      CompletableFuture<?> f = gates.computeIfAbsent(host, HostGate::new).submit(e);
      if (f != null) {
        return f;
      }
    }
  }

  private void skip(Entry e) {
    try {
      launcher.skipped(e.monitor, SkipCause.PROBE_QUEUE_FULL);
    } catch (RuntimeException ex) {
      LOG.warn("reporting a skipped check of {} failed", e.monitor.id(), ex);
    }
  }

  /** Returns how many host gates exist (hosts with probes running or waiting). */
  public int hostGates() {
    return gates.size();
  }

  private CompletableFuture<?> start(Entry e) {
    lateness.record(clock.millis() - e.due);
    started.incrementAndGet();
    CompletableFuture<?> f;
    try {
      f = launcher.launch(e.monitor);
    } catch (RuntimeException ex) {
      LOG.warn("launching a check of {} failed", e.monitor.id(), ex);
      f = CompletableFuture.completedFuture(null);
    }
    return f.handle((r, ex) -> {
      completed.incrementAndGet();
      return null;
    });
  }

  /** One due-queue slot. Ordered by due time, then insertion. */
  private static final class Entry implements Comparable<Entry> {
    final Monitor monitor;
    final long due;
    final long seq;
    volatile boolean cancelled;

    Entry(Monitor monitor, long due, long seq) {
      this.monitor = monitor;
      this.due = due;
      this.seq = seq;
    }

    Entry next(long now, long seq) {
      long period = monitor.frequency().toMillis();
      long nextDue = due + period;
      if (nextDue <= now) {
        nextDue += ((now - nextDue) / period + 1) * period;
      }
      return new Entry(monitor, nextDue, seq);
    }

    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /**
   * Bounds concurrent probes to one host; waiting probes start in FIFO order, at most {@code
   * maxWaitingPerHost} of them (the rest are reported to the launcher as skipped and counted).
   * A gate with nothing running and nothing waiting retires itself from the map, so hosts no
   * monitor uses any more hold no memory. Completions are drained in a loop, never by recursion:
   * a long run of probes that complete at once on the releasing thread uses constant stack.
   */
  private final class HostGate {
    private final String host;
    private final Object gateLock = new Object();
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private boolean draining;
    private boolean retired;

    HostGate(String host) {
      this.host = host;
    }

    /** Returns null when the gate retired meanwhile (the caller takes a fresh one). */
    CompletableFuture<?> submit(Entry e) {
      CompletableFuture<Object> done = new CompletableFuture<>();
      Runnable run = () -> start(e).whenComplete((r, ex) -> {
        done.complete(null);
        release();
      });
      synchronized (gateLock) {
        if (retired) {
          return null;
        }
        if (running >= maxPerHost || draining || !waiting.isEmpty()) {
          if (waiting.size() >= maxWaitingPerHost) {
            overflow.incrementAndGet();
            done.complete(null);
            skip(e);
            return done;
          }
          deferred.incrementAndGet();
          waiting.addLast(run);
          return done;
        }
        running++;
        draining = true;
      }
      run.run();
      drain();
      return done;
    }

    private void release() {
      synchronized (gateLock) {
        running--;
        if (draining) {
          return; // the thread draining this gate (maybe our own caller) starts the next one
        }
        draining = true;
      }
      drain();
    }

    /** Starts waiting probes while there is room; exactly one thread drains at a time. */
    private void drain() {
      while (true) {
        Runnable next;
        synchronized (gateLock) {
          next = running < maxPerHost ? waiting.pollFirst() : null;
          if (next == null) {
            draining = false;
            if (running == 0 && waiting.isEmpty()) {
              retired = true;
              gates.remove(host, this);
            }
            return;
          }
          running++;
        }
        next.run();
      }
    }
  }
}
