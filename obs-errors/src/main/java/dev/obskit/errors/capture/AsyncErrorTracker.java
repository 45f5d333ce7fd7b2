package dev.obskit.errors.capture;

import dev.obskit.errors.EventProcessor;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.EventJson;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.event.LogEntry;
import dev.obskit.errors.event.UserInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ErrorTracker} behind the errors module. The calling thread does only what must
 * happen there: the sampling decision, the duplicate check, reading the time, an event id, two
 * immutable scope snapshots and a non-blocking queue offer. A single daemon worker turns captures
 * into events (stack conversion, scope merge, before-send) and hands them to the sink. The queue
 * is bounded; when it is full, captures overflow to the configured {@link CaptureSpool} (converted
 * on the capturing thread) and are processed when the worker catches up; without a spool, or
 * when the spool is full, the capture is dropped, counted exactly, and {@link #healthWarning()}
 * says so. The duplicate check is lock-free ({@link RecentThrowables}). The worker catches every
 * Throwable per event (a hook's Error is counted, not fatal) and is replaced if it ever dies.
 * Thread-safe.
 */
public final class AsyncErrorTracker implements ErrorTracker {
  private static final Logger log = LoggerFactory.getLogger(AsyncErrorTracker.class);
  private static final int MAX_CAUSES_CHECKED = 16;

  /** Everything the worker needs, captured on the calling thread. */
  private record Pending(String eventId, Instant at, Level level, Throwable throwable,
      String mechanism, Boolean handled, String logger, LogEntry message, String threadName,
      LogContext context, Scope.State global, Scope.State local) {}

  private final CaptureConfig config;
  private final Clock clock;
  private final CaptureSink sink;
  private final ThrowableConverter converter;
  private final ArrayBlockingQueue<Pending> queue;
  private final Scope globalScope;
  private final ThreadLocal<Scope> threadScope;
  private final RecentThrowables captured = new RecentThrowables();
  private final CaptureSpool spool;
  private final Object workerLock = new Object();
  private volatile Thread worker;
  private final Object idle = new Object();
  private volatile boolean closed;
  private final AtomicLong lastSpoolWarning = new AtomicLong(Long.MIN_VALUE);

  private final AtomicLong capturedCount = new AtomicLong();
  private final AtomicLong sampledOut = new AtomicLong();
  private final AtomicLong deduplicated = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong filtered = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong hookFailures = new AtomicLong();
  private final AtomicLong spooled = new AtomicLong();
  private final AtomicLong workerRestarts = new AtomicLong();

  AsyncErrorTracker(CaptureConfig config, Clock clock, CaptureSink sink) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.converter = new ThrowableConverter(config.inAppPackages(), config.maxFrames());
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.globalScope = new Scope(config.maxBreadcrumbs());
    this.threadScope = ThreadLocal.withInitial(() -> new Scope(config.maxBreadcrumbs()));
    this.spool = config.spool();
    if (spool != null) {
      // Captures a previous process spooled are pending here until the worker processes them.
      capturedCount.addAndGet(spool.size());
    }
    this.worker = startWorker();
  }

  private Thread startWorker() {
    Thread t = new Thread(this::work, "obskit-errors-worker");
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((thread, e) ->
        log.error("error tracker worker died; it is replaced on the next capture", e));
    t.start();
    return t;
  }

  /** Replaces a worker that died (it catches everything, so only a JVM-level failure does this). */
  private void ensureWorker() {
    if (worker.isAlive() || closed) {
      return;
    }
    synchronized (workerLock) {
      if (!worker.isAlive() && !closed) {
        workerRestarts.incrementAndGet();
        worker = startWorker();
      }
    }
  }

  @Override
  public String capture(Throwable throwable, Level level) {
    if (throwable == null) {
      return EMPTY_ID;
    }
    return enqueue(Objects.requireNonNullElse(level, Level.ERROR), throwable, "generic", null, null,
        null, null);
  }

  @Override
  public String captureLog(Level level, String logger, LogEntry message, Throwable throwable) {
    return captureLog(level, logger, message, throwable, null);
  }

  @Override
  public String captureLog(Level level, String logger, LogEntry message, Throwable throwable,
      LogContext context) {
    if (message == null && throwable == null) {
      return EMPTY_ID;
    }
    return enqueue(Objects.requireNonNullElse(level, Level.ERROR), throwable,
        throwable == null ? null : "logging", null, logger, message, context);
  }

  void captureUncaught(Throwable throwable) {
    if (throwable != null) {
      enqueue(Level.FATAL, throwable, "UncaughtExceptionHandler", Boolean.FALSE, null, null, null);
    }
  }

  private String enqueue(Level level, Throwable throwable, String mechanism, Boolean handled,
      String logger, LogEntry message, LogContext context) {
    if (closed) {
      dropped.incrementAndGet();
      return EMPTY_ID;
    }
    if (config.sampleRate() < 1.0 && ThreadLocalRandom.current().nextDouble() >= config.sampleRate()) {
      sampledOut.incrementAndGet();
      return EMPTY_ID;
    }
    if (throwable != null && config.deduplicate() && !firstCapture(throwable)) {
      deduplicated.incrementAndGet();
      return EMPTY_ID;
    }
    String id = EventProcessor.newEventId();
    Pending p = new Pending(id, clock.instant(), level, throwable, mechanism, handled, logger,
        message, Thread.currentThread().getName(), context, globalScope.snapshot(),
        threadScope.get().snapshot());
    capturedCount.incrementAndGet();
    ensureWorker();
    if (!queue.offer(p) && !spill(p)) {
      capturedCount.decrementAndGet();
      dropped.incrementAndGet();
      warnDropped();
      return EMPTY_ID;
    }
    return id;
  }

  /**
   * Writes a capture the full queue refused to the spool: converted and serialized here, on the
   * capturing thread (the cost of overload, instead of a loss). Returns false when there is no
   * spool, it is full, or conversion failed.
   */
  private boolean spill(Pending p) {
    if (spool == null) {
      return false;
    }
    try {
      if (spool.append(EventJson.write(toEvent(p)))) {
        spooled.incrementAndGet();
        return true;
      }
    } catch (Throwable e) {
      log.warn("could not spool captured event {}", p.eventId, e);
    }
    return false;
  }

  private void warnDropped() {
    long now = System.nanoTime();
    long last = lastSpoolWarning.get();
    if ((last == Long.MIN_VALUE || now - last > 60_000_000_000L)
        && lastSpoolWarning.compareAndSet(last, now)) {
      log.warn("error tracker dropping captures: {} ({})", healthWarning(), stats());
    }
  }

  /**
   * Returns why captures are being lost, or null when none were: the exact number dropped and
   * whether the queue alone or the spool too was full. Thread-safe.
   */
  public String healthWarning() {
    long lost = dropped.get();
    if (lost == 0 && workerRestarts.get() == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    if (lost > 0) {
      sb.append(lost).append(" captures dropped: ").append(spool == null
          ? "the capture queue was full (no spool configured)" : "the capture spool was full");
    }
    if (workerRestarts.get() > 0) {
      sb.append(sb.length() > 0 ? "; " : "").append("worker replaced ")
          .append(workerRestarts.get()).append(" times");
    }
    return sb.toString();
  }

  /** Records the Throwable; false if it, or one of its causes, was captured before (by identity). */
  private boolean firstCapture(Throwable throwable) {
    Throwable t = throwable;
    for (int i = 0; t != null && i < MAX_CAUSES_CHECKED; i++, t = t.getCause()) {
      if (captured.contains(t)) {
        return false;
      }
    }
    return captured.add(throwable);
  }

  private void work() {
    while (!closed || !queue.isEmpty()) {
      try {
        Pending p = queue.poll();
        if (p != null) {
          process(p);
        } else if (!drainOneSpooled()) {
          p = queue.poll(100, TimeUnit.MILLISECONDS);
          if (p != null) {
            process(p);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable e) {
        // process() catches everything itself; this guards the loop against the unforeseen.
        failed.incrementAndGet();
        log.warn("error tracker worker failed; continuing", e);
      }
      if (queue.isEmpty()) {
        synchronized (idle) {
          idle.notifyAll();
        }
      }
    }
  }

  /** Processes one spooled event; false when the spool is empty (or there is none). */
  private boolean drainOneSpooled() {
    if (spool == null || closed) {
      return false;
    }
    byte[] bytes = spool.poll();
    if (bytes == null) {
      return false;
    }
    ErrorEvent event;
    try {
      event = EventJson.read(bytes);
    } catch (Throwable e) {
      failed.incrementAndGet();
      log.warn("unreadable spooled event skipped: {}", e.toString());
      return true;
    }
    deliver(event, event.eventId());
    return true;
  }

  /**
   * Turns one capture into an event and delivers it. Catches every {@link Throwable}, Errors
   * included (a hook's {@code StackOverflowError}, an {@code AssertionError} in a sink): each
   * is counted, the capture is lost, the worker carries on.
   */
  private void process(Pending p) {
    ErrorEvent event;
    try {
      event = toEvent(p);
    } catch (Throwable e) {
      failed.incrementAndGet();
      log.warn("could not convert captured event {}", p.eventId, e);
      return;
    }
    deliver(event, p.eventId);
  }

  /** Runs the before-send hook and hands the event to the sink; catches everything. */
  private void deliver(ErrorEvent event, String eventId) {
    ErrorEvent sent;
    try {
      sent = config.beforeSend().apply(event);
    } catch (Throwable e) {
      // Sentry's rule: a failing hook may have left personal data half-scrubbed, so drop.
      filtered.incrementAndGet();
      hookFailures.incrementAndGet();
      log.warn("beforeSend threw for event {}; event dropped", eventId, e);
      return;
    }
    if (sent == null) {
      filtered.incrementAndGet();
      return;
    }
    try {
      sink.accept(sent);
      delivered.incrementAndGet();
    } catch (Throwable e) {
      failed.incrementAndGet();
      log.warn("error sink failed for event {}", eventId, e);
    }
  }

  private ErrorEvent toEvent(Pending p) {
    ErrorEvent.Builder b = ErrorEvent.builder()
        .eventId(p.eventId).timestamp(p.at).level(p.level).platform("java").logger(p.logger)
        .logEntry(p.message).release(config.release()).environment(config.environment())
        .serverName(config.serverName());
    if (p.throwable != null) {
      List<ExceptionValue> chain = converter.convert(p.throwable, p.mechanism, p.handled);
      b.exceptions(chain);
    }
    Map<String, String> tags = new LinkedHashMap<>(p.global.tags());
    tags.putAll(p.local.tags());
    if (p.context != null) {
      // The log event's own tags win over scope tags, as an event's values do in Sentry.
      tags.putAll(p.context.tags());
    }
    b.tags(tags);
    b.user(p.local.user().isEmpty() ? p.global.user() : p.local.user());
    b.transaction(p.local.transaction() != null ? p.local.transaction() : p.global.transaction());
    b.breadcrumbs(mergeBreadcrumbs(p.global.crumbs(), p.local.crumbs()));
    Map<String, Object> thread = new LinkedHashMap<>();
    // An asynchronous appender calls from its own thread; the logging thread is the one that counts.
    thread.put("name", p.context != null && p.context.threadName() != null
        ? p.context.threadName() : p.threadName);
    b.context("thread", thread);
    if (p.context != null && !p.context.contextData().isEmpty()) {
      b.context("MDC", new LinkedHashMap<String, Object>(p.context.contextData()));
    }
    return b.build();
  }

  private List<Breadcrumb> mergeBreadcrumbs(Breadcrumb[] global, Breadcrumb[] local) {
    if (global.length == 0) {
      return Arrays.asList(local);
    }
    List<Breadcrumb> all = new ArrayList<>(global.length + local.length);
    all.addAll(Arrays.asList(global));
    all.addAll(Arrays.asList(local));
    all.sort(Comparator.comparing(Breadcrumb::timestamp));
    int max = config.maxBreadcrumbs();
    return all.size() > max ? all.subList(all.size() - max, all.size()) : all;
  }

  @Override
  public Scope scope() {
    return threadScope.get();
  }

  @Override
  public Scope globalScope() {
    return globalScope;
  }

  @Override
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (outstanding() > 0) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0 || !worker.isAlive()) {
          return outstanding() <= 0;
        }
        try {
          idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(remaining, 50_000_000L))));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** Captures still to process; once closed, the spool's stay on disk for the next start. */
  private long outstanding() {
    long pending = stats().pending();
    return closed && spool != null ? pending - spool.size() : pending;
  }

  @Override
  public TrackerStats stats() {
    return new TrackerStats(capturedCount.get(), sampledOut.get(), deduplicated.get(), dropped.get(),
        filtered.get(), delivered.get(), failed.get(), spooled.get(), hookFailures.get(),
        workerRestarts.get());
  }

  /**
   * Stops accepting captures, processes what is queued for up to {@code timeout}, then stops the
   * worker. Captures still queued after the timeout are counted as dropped. Returns whether
   * everything was processed.
   */
  public boolean close(Duration timeout) {
    closed = true;
    boolean drained = flush(timeout);
    worker.interrupt();
    try {
      worker.join(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = queue.size();
    queue.clear();
    if (spool != null) {
      // Spooled captures stay on disk for the next start; they are pending, not lost.
      long kept = spool.size();
      capturedCount.addAndGet(-kept);
      if (kept > 0) {
        log.info("error tracker closed with {} captures kept in the spool for the next start", kept);
      }
      spool.close();
    }
    if (left > 0) {
      dropped.addAndGet(left);
      capturedCount.addAndGet(-left);
      log.warn("error tracker closed with {} captures unprocessed", left);
    }
    return drained;
  }
}
