package dev.obskit.incidents.notify;

import dev.obskit.core.config.Checks;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications off the caller's thread: one bounded queue and worker pool per channel,
 * so a hanging Slack never delays an SMS; retries with exponential backoff on a scheduler; a
 * per-channel {@link RateLimit}; every attempt reported to the {@link DeliveryListener} (the
 * escalation engine writes it on the incident timeline). Thread-safe.
 *
 * <p>{@link #dispatch} never blocks and never throws: a full queue or a channel without a notifier
 * is reported to the listener as a failed attempt right away.
 */
public final class NotificationDispatcher implements AutoCloseable {
  /** Default bound of each channel's queue. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;
  /** Default worker threads per channel. */
  public static final int DEFAULT_WORKERS_PER_CHANNEL = 2;
  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final Map<ChannelKind, Notifier> notifiers;
  private final Map<ChannelKind, RateLimit> limits;
  private final Map<ChannelKind, ThreadPoolExecutor> workers = new EnumMap<>(ChannelKind.class);
  private final ScheduledThreadPoolExecutor retries;
  private final RetryPolicy retryPolicy;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();

  private NotificationDispatcher(Builder b) {
    this.notifiers = new EnumMap<>(b.notifiers);
    this.limits = new EnumMap<>(ChannelKind.class);
    b.limits.forEach((k, spec) -> limits.put(k, new RateLimit(spec.permits, spec.period, b.clock)));
    this.retryPolicy = b.retryPolicy;
    for (ChannelKind kind : notifiers.keySet()) {
      ThreadPoolExecutor pool = new ThreadPoolExecutor(b.workers, b.workers, 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(b.queueCapacity), daemon("obskit-notify-" + lower(kind)));
      pool.allowCoreThreadTimeOut(true);
      workers.put(kind, pool);
    }
    this.retries = new ScheduledThreadPoolExecutor(1, daemon("obskit-notify-retry"));
    retries.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Starts a dispatcher. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * Queues {@code notification} for its recipient's channel. Returns false (after telling the
   * listener) when no notifier serves the channel or its queue is full.
   */
  public boolean dispatch(Notification notification, DeliveryListener listener) {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(listener, "listener");
    inFlight.incrementAndGet();
    return submit(new Job(notification, listener, 1));
  }

  /** Returns whether a notifier serves {@code channel}. */
  public boolean serves(ChannelKind channel) {
    return notifiers.containsKey(channel);
  }

  /** Returns how many notifications were delivered so far. */
  public long deliveredCount() {
    return delivered.get();
  }

  /** Returns how many notifications failed for good (retries exhausted or permanent). */
  public long failedCount() {
    return failed.get();
  }

  /** Returns how many were dropped because a queue was full or no notifier existed. */
  public long droppedCount() {
    return dropped.get();
  }

  /** Returns how many notifications are queued, being sent, or waiting for a retry. */
  public int pending() {
    return inFlight.get();
  }

  private boolean submit(Job job) {
    ChannelKind kind = job.notification.recipient().channel();
    ThreadPoolExecutor pool = workers.get(kind);
    if (pool == null) {
      return refuse(job, "no notifier configured for channel " + kind);
    }
    try {
      pool.execute(() -> attempt(job));
      return true;
    } catch (RejectedExecutionException full) {
      return refuse(job, pool.isShutdown() ? "dispatcher is shut down" : "queue for " + kind + " is full");
    }
  }

  private boolean refuse(Job job, String why) {
    dropped.incrementAndGet();
    report(job, "none", DeliveryResult.failed(DeliveryStatus.PERMANENT_FAILURE, 0, why,
        Duration.ZERO), null);
    inFlight.decrementAndGet();
    return false;
  }

  private void attempt(Job job) {
    ChannelKind kind = job.notification.recipient().channel();
    Notifier notifier = notifiers.get(kind);
    RateLimit limit = limits.get(kind);
    DeliveryResult result;
    if (limit != null && !limit.tryAcquire()) {
      result = DeliveryResult.failed(DeliveryStatus.RATE_LIMITED, 0,
          "rate limit " + limit + " for " + kind + " reached", Duration.ZERO);
    } else {
      result = sendSafely(notifier, job.notification);
    }
    boolean retryable = result.status() == DeliveryStatus.RETRYABLE_FAILURE
        || result.status() == DeliveryStatus.RATE_LIMITED;
    Duration retryIn = retryable && job.attempt < retryPolicy.maxAttempts()
        ? retryPolicy.backoffAfter(job.attempt) : null;
    if (result.isDelivered()) {
      delivered.incrementAndGet();
    } else if (retryIn == null) {
      failed.incrementAndGet();
    }
    report(job, notifier.getName(), result, retryIn);
    if (retryIn != null) {
      scheduleRetry(new Job(job.notification, job.listener, job.attempt + 1), retryIn);
    } else {
      inFlight.decrementAndGet();
    }
  }

  private void scheduleRetry(Job next, Duration delay) {
    try {
      retries.schedule(() -> {
        submit(next);
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shutDown) {
      refuse(next, "dispatcher shut down before retry");
    }
  }

  private static DeliveryResult sendSafely(Notifier notifier, Notification n) {
    try {
      return Objects.requireNonNull(notifier.send(n), "notifier returned null");
    } catch (RuntimeException e) {
      return DeliveryResult.failed(DeliveryStatus.RETRYABLE_FAILURE, 1,
          notifier.getName() + " threw " + e.getClass().getSimpleName(), Duration.ZERO);
    }
  }

  private static void report(Job job, String notifier, DeliveryResult result, Duration retryIn) {
    try {
      job.listener.onAttempt(new DeliveryAttempt(job.notification, notifier, job.attempt, result,
          retryIn));
    } catch (RuntimeException e) {
      log.warn("delivery listener failed for notification {}", job.notification.id(), e);
    }
  }

  /**
   * Stops taking work, lets queued deliveries finish within {@code timeout}, then interrupts the
   * rest. Retries still waiting are abandoned.
   */
  public void shutdown(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    retries.shutdownNow();
    workers.values().forEach(ThreadPoolExecutor::shutdown);
    for (ThreadPoolExecutor pool : workers.values()) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Shuts down with a 5 second deadline. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }

  private static String lower(ChannelKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Job(Notification notification, DeliveryListener listener, int attempt) {}

  private record LimitSpec(int permits, Duration period) {}

  /** Builds a {@link NotificationDispatcher}. Not thread-safe. */
  public static final class Builder {
    private final Clock clock;
    private final Map<ChannelKind, Notifier> notifiers = new EnumMap<>(ChannelKind.class);
    private final Map<ChannelKind, LimitSpec> limits = new EnumMap<>(ChannelKind.class);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int workers = DEFAULT_WORKERS_PER_CHANNEL;

    Builder(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds the notifier for its channel; one per channel. */
    public Builder addNotifier(Notifier notifier) {
      Objects.requireNonNull(notifier, "notifier");
      Notifier previous = notifiers.putIfAbsent(notifier.channel(), notifier);
      if (previous != null) {
        throw new IllegalStateException("channel " + notifier.channel() + " already has notifier "
            + previous.getName() + ", cannot add " + notifier.getName());
      }
      return this;
    }

    /** Limits {@code channel} to {@code permits} sends per {@code period} (module clock). */
    public Builder setRateLimit(ChannelKind channel, int permits, Duration period) {
      Checks.positive("permits", permits);
      Checks.positive("period", period);
      limits.put(Objects.requireNonNull(channel, "channel"), new LimitSpec(permits, period));
      return this;
    }

    /** Sets the retry policy. Default {@link RetryPolicy#defaults()}. */
    public Builder setRetryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Sets each channel's queue bound. Default {@value #DEFAULT_QUEUE_CAPACITY}. */
    public Builder setQueueCapacity(int queueCapacity) {
      this.queueCapacity = Checks.positive("queueCapacity", queueCapacity);
      return this;
    }

    /** Sets worker threads per channel. Default {@value #DEFAULT_WORKERS_PER_CHANNEL}. */
    public Builder setWorkersPerChannel(int workers) {
      this.workers = Checks.positive("workers", workers);
      return this;
    }

    /** Returns the dispatcher; its threads start on first use. */
    public NotificationDispatcher build() {
      return new NotificationDispatcher(this);
    }
  }
}
