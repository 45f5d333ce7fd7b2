package dev.obskit.core.event;

import dev.obskit.core.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the {@linkplain EventBus#async asynchronous} event bus. Immutable; build with
 * {@link #builder()}.
 */
public final class EventBusConfig {
  /** Default queue capacity. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
  /** Default longest time {@code publish} waits for queue space before rejecting the event. */
  public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ZERO;
  /** Default time {@code close} waits for queued events to be delivered. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private final int queueCapacity;
  private final Duration publishTimeout;
  private final Duration drainTimeout;

  private EventBusConfig(Builder b) {
    this.queueCapacity = b.queueCapacity;
    this.publishTimeout = b.publishTimeout;
    this.drainTimeout = b.drainTimeout;
  }

  /** Returns a builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the default configuration. */
  public static EventBusConfig defaults() {
    return builder().build();
  }

  /** Returns the bounded queue's capacity. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** Returns how long {@code publish} may wait for space; zero means reject at once. */
  public Duration publishTimeout() {
    return publishTimeout;
  }

  /** Returns how long {@code close} waits for the queue to drain. */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /** Builds {@link EventBusConfig}. Not thread-safe. */
  public static final class Builder {
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private Duration publishTimeout = DEFAULT_PUBLISH_TIMEOUT;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

    Builder() {}

    /** Sets the queue capacity, at least 1. */
    public Builder setQueueCapacity(int queueCapacity) {
      this.queueCapacity = Checks.positive("queueCapacity", queueCapacity);
      return this;
    }

    /** Sets how long a publisher may wait for queue space, at most one minute. */
    public Builder setPublishTimeout(Duration publishTimeout) {
      this.publishTimeout = Checks.durationBetween("publishTimeout",
          Objects.requireNonNull(publishTimeout, "publishTimeout"), Duration.ZERO, Duration.ofMinutes(1));
      return this;
    }

    /** Sets how long {@code close} waits for queued events, at most ten minutes. */
    public Builder setDrainTimeout(Duration drainTimeout) {
      this.drainTimeout = Checks.durationBetween("drainTimeout",
          Objects.requireNonNull(drainTimeout, "drainTimeout"), Duration.ZERO, Duration.ofMinutes(10));
      return this;
    }

    /** Returns the configuration. */
    public EventBusConfig build() {
      return new EventBusConfig(this);
    }
  }
}
