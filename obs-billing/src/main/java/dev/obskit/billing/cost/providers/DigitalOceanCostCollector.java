package dev.obskit.billing.cost.providers;

import dev.obskit.billing.cost.ChargeCategory;
import dev.obskit.billing.cost.CostCollector;
import dev.obskit.billing.cost.CostRecord;
import dev.obskit.billing.cost.CostSource;
import dev.obskit.billing.money.Money;
import dev.obskit.core.config.ConfigProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * DigitalOcean's costs from its billing API: {@code GET /v2/customers/my/invoices} finds the
 * invoice of the day's month (the live {@code invoice_preview} for the current month), and {@code
 * GET /v2/customers/my/invoices/{uuid}} lists its items, following {@code links.pages.next} on the
 * same host only. Each item's amount is spread evenly over its {@code start_time}–{@code
 * end_time}; a day's record per product is the items' share of that UTC day (provider {@code
 * digitalocean}, source API, category USAGE, USD). {@link #balance()} reads {@code GET
 * /v2/customers/my/balance} for reconciliation.
 *
 * <p>The token comes from configuration ({@code obskit.billing.digitalocean.token}) and is never
 * logged. Blocks on network I/O with bounded timeouts and retries. Thread-safe.
 */
public final class DigitalOceanCostCollector implements CostCollector {
  /** The public API. */
  public static final URI DEFAULT_BASE = URI.create("https://api.digitalocean.com");
  private static final Currency USD = Currency.getInstance("USD");
  private static final int MAX_PAGES = 50;

  private final URI base;
  private final Secret token;
  private final String accountId;
  private final Clock clock;
  private final ProviderHttp http;

  DigitalOceanCostCollector(URI base, Secret token, String accountId, Clock clock, ProviderHttp http) {
    this.base = Providers.base(base);
    this.token = Objects.requireNonNull(token, "token");
    this.accountId = Providers.name(Objects.requireNonNull(accountId, "accountId"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** Creates a collector for the public API. */
  public static DigitalOceanCostCollector create(Secret token, String accountId, Clock clock) {
    return new DigitalOceanCostCollector(DEFAULT_BASE, token, accountId, clock,
        ProviderHttp.defaults());
  }

  /**
   * Creates a collector from {@code obskit.billing.digitalocean.token} (required), {@code
   * .account} (default {@code main}) and {@code .base-url} (default the public API).
   */
  public static DigitalOceanCostCollector fromConfig(ConfigProperties config, Clock clock) {
    String prefix = "obskit.billing.digitalocean.";
    return new DigitalOceanCostCollector(
        URI.create(config.getString(prefix + "base-url", DEFAULT_BASE.toString())),
        Secret.fromConfig(config, prefix + "token"), config.getString(prefix + "account", "main"),
        clock, ProviderHttp.defaults());
  }

  @Override
  public String getName() {
    return "digitalocean";
  }

  @Override
  public List<CostRecord> collect(LocalDate day) {
    Objects.requireNonNull(day, "day");
    String invoice = invoiceFor(YearMonth.from(day));
    if (invoice == null) {
      return List.of();
    }
    Map<String, BigDecimal> byProduct = new TreeMap<>();
    URI page = base.resolve("/v2/customers/my/invoices/" + invoice + "?per_page=200");
    for (int pages = 0; page != null && pages < MAX_PAGES; pages++) {
      Map<String, Object> body = get(page, "invoice items");
      for (Map<String, Object> item : Json.list(body, "invoice_items", "invoice items")) {
        BigDecimal share = shareOf(item, day);
        if (share.signum() != 0) {
          byProduct.merge(Providers.name(Json.textOr(item, "product", "unknown")), share,
              BigDecimal::add);
        }
      }
      page = next(body);
    }
    List<CostRecord> records = new ArrayList<>();
    Instant now = clock.instant();
    byProduct.forEach((product, amount) -> records.add(new CostRecord(getName(), accountId, product,
        "", day, ChargeCategory.USAGE, Money.of(amount, USD), CostSource.API, now, "")));
    return records;
  }

  /** The account's balance as DigitalOcean reports it. */
  public record Balance(Money monthToDateUsage, Money accountBalance, Money monthToDateBalance,
      String generatedAt) {}

  /** Reads {@code GET /v2/customers/my/balance}. */
  public Balance balance() {
    Map<String, Object> body = get(base.resolve("/v2/customers/my/balance"), "balance");
    return new Balance(money(body, "month_to_date_usage"), money(body, "account_balance"),
        money(body, "month_to_date_balance"), Json.textOr(body, "generated_at", ""));
  }

  private String invoiceFor(YearMonth month) {
    Map<String, Object> list = get(base.resolve("/v2/customers/my/invoices?per_page=200"),
        "invoices");
    Object preview = list.get("invoice_preview");
    if (preview instanceof Map<?, ?> && month.toString().equals(((Map<?, ?>) preview).get(
        "invoice_period"))) {
      return Providers.name(String.valueOf(((Map<?, ?>) preview).get("invoice_uuid")));
    }
    for (Map<String, Object> invoice : Json.list(list, "invoices", "invoices")) {
      if (month.toString().equals(invoice.get("invoice_period"))) {
        return Providers.name(Json.text(invoice, "invoice_uuid", "invoices"));
      }
    }
    return null;
  }

  /** The item's amount times the part of its interval that falls on {@code day} (UTC). */
  static BigDecimal shareOf(Map<String, Object> item, LocalDate day) {
    BigDecimal amount = Providers.amount(Json.text(item, "amount", "invoice item"), "invoice item amount");
    Instant start;
    Instant end;
    try {
      start = Instant.parse(Json.text(item, "start_time", "invoice item"));
      end = Instant.parse(Json.text(item, "end_time", "invoice item"));
    } catch (DateTimeParseException e) {
      throw new ProviderException("invoice item: bad start_time/end_time", 0, e);
    }
    Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant dayEnd = dayStart.plus(Duration.ofDays(1));
    if (!end.isAfter(start)) {
      return !start.isBefore(dayStart) && start.isBefore(dayEnd) ? amount : BigDecimal.ZERO;
    }
    Instant from = start.isAfter(dayStart) ? start : dayStart;
    Instant to = end.isBefore(dayEnd) ? end : dayEnd;
    if (!to.isAfter(from)) {
      return BigDecimal.ZERO;
    }
    long overlap = Duration.between(from, to).getSeconds();
    long total = Duration.between(start, end).getSeconds();
    return amount.multiply(BigDecimal.valueOf(overlap))
        .divide(BigDecimal.valueOf(total), 9, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  private URI next(Map<String, Object> body) {
    Object links = body.get("links");
    if (links instanceof Map<?, ?> l && l.get("pages") instanceof Map<?, ?> pages
        && pages.get("next") instanceof String next && !next.isEmpty()) {
      return Providers.sameHost(base, next, "invoice items");
    }
    return null;
  }

  private Map<String, Object> get(URI uri, String what) {
    ProviderHttp.Response response = http.send(http.request(uri)
        .header("Authorization", "Bearer " + token.value()).GET().build());
    if (!response.ok()) {
      throw new ProviderException("digitalocean " + what + ": HTTP " + response.status(),
          response.status(), null);
    }
    return Json.object(response.body(), "digitalocean " + what);
  }

  private static Money money(Map<String, Object> body, String field) {
    return Money.of(Providers.amount(Json.text(body, field, "balance"), "balance " + field), USD);
  }

  @Override
  public String toString() {
    return "DigitalOceanCostCollector{" + base + ", account " + accountId + ", token " + token + "}";
  }
}
