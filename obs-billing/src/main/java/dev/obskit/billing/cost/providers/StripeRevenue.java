package dev.obskit.billing.cost.providers;

import dev.obskit.billing.money.Money;
import dev.obskit.core.config.ConfigProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The revenue side of the margin from Stripe: monthly recurring revenue and the number of active
 * subscriptions, read with {@code GET /v1/subscriptions?status=active&limit=100}, paged with
 * {@code starting_after} (Stripe has no MRR endpoint). Each subscription item contributes
 * {@code price.unit_amount} (minor units; {@code unit_amount_decimal} when set) times its {@code
 * quantity}, normalised to a month from {@code recurring.interval} and {@code interval_count}:
 * month / count, year / (12 x count), week x 52 / 12 / count, day x 365 / 12 / count. Discounts,
 * taxes and items beyond the 10 Stripe embeds per subscription are not counted.
 *
 * <p>The secret key comes from configuration ({@code obskit.billing.stripe.secret-key}) and is
 * never logged. Blocks on network I/O with bounded timeouts and retries. Thread-safe.
 */
public final class StripeRevenue {
  /** The public API. */
  public static final URI DEFAULT_BASE = URI.create("https://api.stripe.com");
  private static final int MAX_PAGES = 1_000;

  private final URI base;
  private final Secret secretKey;
  private final ProviderHttp http;

  StripeRevenue(URI base, Secret secretKey, ProviderHttp http) {
    this.base = Providers.base(base);
    this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** Creates a reader of the public API. */
  public static StripeRevenue create(Secret secretKey) {
    return new StripeRevenue(DEFAULT_BASE, secretKey, ProviderHttp.defaults());
  }

  /** Creates a reader from {@code obskit.billing.stripe.secret-key} and {@code .base-url}. */
  public static StripeRevenue fromConfig(ConfigProperties config) {
    String prefix = "obskit.billing.stripe.";
    return new StripeRevenue(URI.create(config.getString(prefix + "base-url",
        DEFAULT_BASE.toString())), Secret.fromConfig(config, prefix + "secret-key"),
        ProviderHttp.defaults());
  }

  /**
   * Stripe's recurring revenue now.
   *
   * @param mrr monthly recurring revenue by currency, rounded to the minor unit
   * @param activeSubscriptions how many subscriptions are active
   */
  public record Snapshot(Map<Currency, Money> mrr, int activeSubscriptions) {
    /** Copies the map. */
    public Snapshot {
      mrr = Map.copyOf(mrr);
    }
  }

  /** Reads every active subscription and returns MRR by currency and their count. */
  public Snapshot snapshot() {
    Map<Currency, BigDecimal> mrr = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    int active = 0;
    String after = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      Map<String, Object> body = page(after);
      java.util.List<Map<String, Object>> subscriptions = Json.list(body, "data", "subscriptions");
      for (Map<String, Object> subscription : subscriptions) {
        active++;
        Object items = subscription.get("items");
        if (items instanceof Map<?, ?>) {
          @SuppressWarnings("unchecked")
          Map<String, Object> list = (Map<String, Object>) items;
          for (Map<String, Object> item : Json.list(list, "data", "subscription items")) {
            addItem(item, mrr);
          }
        }
        after = Json.text(subscription, "id", "subscription");
      }
      if (!Boolean.TRUE.equals(body.get("has_more")) || subscriptions.isEmpty()) {
        break;
      }
    }
    Map<Currency, Money> rounded = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    mrr.forEach((currency, amount) -> rounded.put(currency, Money.of(amount, currency).rounded()));
    return new Snapshot(rounded, active);
  }

  private static void addItem(Map<String, Object> item, Map<Currency, BigDecimal> mrr) {
    Map<String, Object> price = Json.map(item, "price", "subscription item");
    Object recurringValue = price.get("recurring");
    if (!(recurringValue instanceof Map<?, ?>)) {
      return; // a one-off price is not recurring revenue
    }
    Map<String, Object> recurring = Json.map(price, "recurring", "price");
    Currency currency;
    try {
      currency = Money.currency(Json.text(price, "currency", "price").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProviderException("stripe price: " + e.getMessage(), 0, e);
    }
    String minor = price.get("unit_amount_decimal") != null
        ? Json.text(price, "unit_amount_decimal", "price") : Json.textOr(price, "unit_amount", "0");
    BigDecimal quantity = Providers.amount(Json.textOr(item, "quantity", "1"), "item quantity");
    BigDecimal count = Providers.amount(Json.textOr(recurring, "interval_count", "1"),
        "interval_count");
    if (count.signum() <= 0) {
      throw new ProviderException("stripe price: interval_count must be > 0", 0, null);
    }
    BigDecimal perInterval = Providers.amount(minor, "unit_amount").multiply(quantity)
        .movePointLeft(currency.getDefaultFractionDigits());
    BigDecimal monthly = switch (Json.text(recurring, "interval", "recurring")) {
      case "month" -> perInterval.divide(count, 9, RoundingMode.HALF_UP);
      case "year" -> perInterval.divide(count.multiply(BigDecimal.valueOf(12)), 9,
          RoundingMode.HALF_UP);
      case "week" -> perInterval.multiply(BigDecimal.valueOf(52))
          .divide(count.multiply(BigDecimal.valueOf(12)), 9, RoundingMode.HALF_UP);
      case "day" -> perInterval.multiply(BigDecimal.valueOf(365))
          .divide(count.multiply(BigDecimal.valueOf(12)), 9, RoundingMode.HALF_UP);
      default -> throw new ProviderException("stripe price: unknown interval", 0, null);
    };
    mrr.merge(currency, monthly, BigDecimal::add);
  }

  private Map<String, Object> page(String after) {
    String query = "?status=active&limit=100"
        + (after == null ? "" : "&starting_after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
    ProviderHttp.Response response = http.send(http.request(base.resolve("/v1/subscriptions" + query))
        .header("Authorization", "Bearer " + secretKey.value()).GET().build());
    if (!response.ok()) {
      throw new ProviderException("stripe subscriptions: HTTP " + response.status(),
          response.status(), null);
    }
    return Json.object(response.body(), "stripe subscriptions");
  }

  @Override
  public String toString() {
    return "StripeRevenue{" + base + ", key " + secretKey + "}";
  }
}
