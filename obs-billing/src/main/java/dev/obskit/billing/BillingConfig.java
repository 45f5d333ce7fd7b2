package dev.obskit.billing;

import dev.obskit.billing.cost.LlmPriceTable;
import dev.obskit.billing.metering.MeterCatalog;
import dev.obskit.billing.metering.MeteringPolicy;
import dev.obskit.billing.metering.MeteringService;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.PriceItem;
import dev.obskit.billing.quota.QuotaPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the billing module. Immutable; build with {@link #builder()}.
 */
public final class BillingConfig {
  /** Default interval between retries of usage writes that failed. */
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(10);

  private final List<PriceBook> books;
  private final MeterCatalog meters;
  private final QuotaPolicy quotaPolicy;
  private final int maxPendingRetries;
  private final Duration retryInterval;
  private final LlmPriceTable llmPrices;
  private final MeteringPolicy meteringPolicy;

  private BillingConfig(Builder b) {
    this.books = List.copyOf(b.books);
    this.meters = withBookMeters(b.meters.copy(), books);
    this.meteringPolicy = b.meteringPolicy;
    this.quotaPolicy = b.quotaPolicy;
    this.maxPendingRetries = b.maxPendingRetries;
    this.retryInterval = b.retryInterval;
    this.llmPrices = b.llmPrices;
  }

  /** Returns the defaults: the default price book, default meters and 80/95/100 % quotas. */
  public static BillingConfig defaults() {
    return builder().build();
  }

  /** Starts a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the price books to register, the default book first. */
  public List<PriceBook> books() {
    return books;
  }

  /**
   * Returns the meter catalog: the one set (copied), plus every meter the books' usage items and
   * limits name, as a SUM unless defined. Metering refuses events of any other meter.
   */
  public MeterCatalog meters() {
    return meters;
  }

  /** Returns the metering sanity limits (timestamp window, quantity per event). */
  public MeteringPolicy meteringPolicy() {
    return meteringPolicy;
  }

  private static MeterCatalog withBookMeters(MeterCatalog catalog, List<PriceBook> books) {
    for (PriceBook book : books) {
      for (PriceItem item : book.items()) {
        if (!item.meter().isEmpty()) {
          catalog.defineIfAbsent(item.meter());
        }
        item.limits().keySet().forEach(catalog::defineIfAbsent);
      }
    }
    return catalog;
  }

  /** Returns the quota thresholds. */
  public QuotaPolicy quotaPolicy() {
    return quotaPolicy;
  }

  /** Returns how many failed usage writes are kept for retry. */
  public int maxPendingRetries() {
    return maxPendingRetries;
  }

  /** Returns the interval between retries of failed usage writes. */
  public Duration retryInterval() {
    return retryInterval;
  }

  /** Returns the LLM price table. */
  public LlmPriceTable llmPrices() {
    return llmPrices;
  }

  /** Builds a {@link BillingConfig}. Not thread-safe. */
  public static final class Builder {
    private final List<PriceBook> books = new ArrayList<>(List.of(PriceBooks.defaultBook()));
    private MeterCatalog meters = MeterCatalog.defaults();
    private QuotaPolicy quotaPolicy = QuotaPolicy.DEFAULT;
    private int maxPendingRetries = MeteringService.DEFAULT_MAX_PENDING;
    private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
    private LlmPriceTable llmPrices =
        new LlmPriceTable(PriceBooks.defaultBook().currency());
    private MeteringPolicy meteringPolicy = MeteringPolicy.DEFAULT;

    private Builder() {}

    /** Adds a host price book (the default book is always present). */
    public Builder addBook(PriceBook book) {
      books.add(Objects.requireNonNull(book, "book"));
      return this;
    }

    /** Replaces the meter catalog. */
    public Builder setMeters(MeterCatalog meters) {
      this.meters = Objects.requireNonNull(meters, "meters");
      return this;
    }

    /** Sets the quota thresholds. */
    public Builder setQuotaPolicy(QuotaPolicy quotaPolicy) {
      this.quotaPolicy = Objects.requireNonNull(quotaPolicy, "quotaPolicy");
      return this;
    }

    /** Sets how many failed usage writes are kept for retry; at least 0. */
    public Builder setMaxPendingRetries(int maxPendingRetries) {
      if (maxPendingRetries < 0) {
        throw new IllegalArgumentException("maxPendingRetries must be >= 0, got "
            + maxPendingRetries);
      }
      this.maxPendingRetries = maxPendingRetries;
      return this;
    }

    /** Sets the retry interval, 100 ms to 1 hour. */
    public Builder setRetryInterval(Duration retryInterval) {
      Objects.requireNonNull(retryInterval, "retryInterval");
      if (retryInterval.compareTo(Duration.ofMillis(100)) < 0
          || retryInterval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("retryInterval must be 100ms to 1h, got " + retryInterval);
      }
      this.retryInterval = retryInterval;
      return this;
    }

    /** Sets the LLM price table. */
    public Builder setLlmPrices(LlmPriceTable llmPrices) {
      this.llmPrices = Objects.requireNonNull(llmPrices, "llmPrices");
      return this;
    }

    /** Sets the metering sanity limits. */
    public Builder setMeteringPolicy(MeteringPolicy meteringPolicy) {
      this.meteringPolicy = Objects.requireNonNull(meteringPolicy, "meteringPolicy");
      return this;
    }

    /** Returns the config. */
    public BillingConfig build() {
      return new BillingConfig(this);
    }
  }
}
