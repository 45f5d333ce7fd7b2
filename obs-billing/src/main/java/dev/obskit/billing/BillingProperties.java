package dev.obskit.billing;

import dev.obskit.billing.pricebook.PriceBookException;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import java.nio.file.Path;

/**
 * Reads {@link BillingConfig} from {@code obs.billing.*} keys. The keys, with their defaults:
 *
 * <pre>
 * obs.billing.price-books=              extra price books (YAML or JSON files), comma-separated;
 *                                       the shipped default book is always registered first
 * obs.billing.max-pending-retries=      usage writes kept for retry when the ledger fails
 * obs.billing.retry-interval=10s        interval between those retries
 * </pre>
 *
 * A malformed value or an invalid price book throws {@link ConfigException} naming the key (and,
 * for a book, the file and the field, from {@link PriceBookException}).
 */
public final class BillingProperties {
  /** The key prefix. */
  public static final String PREFIX = "obs.billing.";

  private BillingProperties() {}

  /** Builds the configuration from {@code p}. */
  public static BillingConfig read(ConfigProperties p) {
    BillingConfig.Builder builder = BillingConfig.builder();
    for (String file : p.getList(PREFIX + "price-books")) {
      try {
        builder.addBook(PriceBooks.fromFile(Path.of(file)));
      } catch (PriceBookException | IllegalArgumentException e) {
        throw new ConfigException(PREFIX + "price-books", e.getMessage(), e);
      }
    }
    Integer retries = p.getInt(PREFIX + "max-pending-retries");
    if (retries != null) {
      builder.setMaxPendingRetries(retries);
    }
    builder.setRetryInterval(p.getDuration(PREFIX + "retry-interval", BillingConfig.DEFAULT_RETRY_INTERVAL));
    return builder.build();
  }
}
