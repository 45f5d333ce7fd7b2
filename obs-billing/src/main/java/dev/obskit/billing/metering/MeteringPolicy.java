package dev.obskit.billing.metering;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sanity limits metering applies before it writes anything: the window of timestamps it
 * accepts around the clock's now, and the largest quantity one event of a meter may carry.
 * Immutable; build with {@link #builder()}.
 *
 * <p>Timestamps: an event is accepted when it is dated no more than {@link #maxFutureSkew()} ahead
 * of now and no earlier than the start of the team's open period, or of the previous period while
 * that one is still open for late data ({@link #lateDataWindow()} after its end). Anything else
 * ({@code Instant.MIN}, last year, next week) is rejected with {@link
 * RejectReason#TIMESTAMP_OUT_OF_WINDOW}. Idempotency keys of periods that can no longer receive
 * events are forgotten, which bounds the ledger's key memory.
 */
public final class MeteringPolicy {
  /** Default time after a period's end during which its late events are still accepted. */
  public static final Duration DEFAULT_LATE_DATA_WINDOW = Duration.ofDays(3);
  /** Default tolerance for events dated ahead of the clock. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);
  /** Default largest quantity of one event, any meter: 10^12 base units (1 TB, 10^12 events). */
  public static final long DEFAULT_MAX_QUANTITY = 1_000_000_000_000L;
  /** Default number of rejected events kept for inspection. */
  public static final int DEFAULT_MAX_DEAD_LETTERS = 10_000;

  /** The defaults. */
  public static final MeteringPolicy DEFAULT = builder().build();

  private final Duration lateDataWindow;
  private final Duration maxFutureSkew;
  private final long defaultMaxQuantity;
  private final Map<String, Long> maxQuantities;
  private final int maxDeadLetters;

  private MeteringPolicy(Builder b) {
    this.lateDataWindow = b.lateDataWindow;
    this.maxFutureSkew = b.maxFutureSkew;
    this.defaultMaxQuantity = b.defaultMaxQuantity;
    this.maxQuantities = Map.copyOf(b.maxQuantities);
    this.maxDeadLetters = b.maxDeadLetters;
  }

  /** Starts a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns how long after its end a period still accepts late events. */
  public Duration lateDataWindow() {
    return lateDataWindow;
  }

  /** Returns how far ahead of the clock an event may be dated. */
  public Duration maxFutureSkew() {
    return maxFutureSkew;
  }

  /** Returns the largest quantity one event of {@code meter} may carry. */
  public long maxQuantity(String meter) {
    return maxQuantities.getOrDefault(meter, defaultMaxQuantity);
  }

  /** Returns how many rejected events are kept for inspection (older ones are dropped). */
  public int maxDeadLetters() {
    return maxDeadLetters;
  }

  /** Builds a {@link MeteringPolicy}. Not thread-safe. */
  public static final class Builder {
    private Duration lateDataWindow = DEFAULT_LATE_DATA_WINDOW;
    private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;
    private long defaultMaxQuantity = DEFAULT_MAX_QUANTITY;
    private final Map<String, Long> maxQuantities = new HashMap<>();
    private int maxDeadLetters = DEFAULT_MAX_DEAD_LETTERS;

    private Builder() {}

    /** Sets the late-data window, 0 to 62 days. */
    public Builder setLateDataWindow(Duration window) {
      this.lateDataWindow = checkDuration("lateDataWindow", window, Duration.ofDays(62));
      return this;
    }

    /** Sets the tolerance for events dated ahead of the clock, 0 to 7 days. */
    public Builder setMaxFutureSkew(Duration skew) {
      this.maxFutureSkew = checkDuration("maxFutureSkew", skew, Duration.ofDays(7));
      return this;
    }

    /** Sets the largest quantity of one event for meters without their own limit; at least 1. */
    public Builder setDefaultMaxQuantity(long max) {
      this.defaultMaxQuantity = checkQuantity("defaultMaxQuantity", max);
      return this;
    }

    /** Sets the largest quantity of one event of {@code meter}; at least 1. */
    public Builder setMaxQuantity(String meter, long max) {
      maxQuantities.put(Objects.requireNonNull(meter, "meter"), checkQuantity(meter, max));
      return this;
    }

    /** Sets how many rejected events are kept; 0 to 1,000,000. */
    public Builder setMaxDeadLetters(int max) {
      if (max < 0 || max > 1_000_000) {
        throw new IllegalArgumentException("maxDeadLetters must be 0 to 1000000, got " + max);
      }
      this.maxDeadLetters = max;
      return this;
    }

    /** Returns the policy. */
    public MeteringPolicy build() {
      return new MeteringPolicy(this);
    }

    private static Duration checkDuration(String name, Duration value, Duration max) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be 0 to " + max + ", got " + value);
      }
      return value;
    }

    private static long checkQuantity(String name, long max) {
      if (max < 1) {
        throw new IllegalArgumentException("max quantity of " + name + " must be >= 1, got " + max);
      }
      return max;
    }
  }
}
