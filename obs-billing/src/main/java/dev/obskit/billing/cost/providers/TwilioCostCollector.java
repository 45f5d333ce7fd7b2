package dev.obskit.billing.cost.providers;

import dev.obskit.billing.cost.ChargeCategory;
import dev.obskit.billing.cost.CostCollector;
import dev.obskit.billing.cost.CostRecord;
import dev.obskit.billing.cost.CostSource;
import dev.obskit.billing.money.Money;
import dev.obskit.core.config.ConfigProperties;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Twilio's costs from its Usage Records API: {@code GET
 * /2010-04-01/Accounts/{AccountSid}/Usage/Records/Daily.json?Category=totalprice&StartDate=D&EndDate=D}
 * with basic auth (account SID and auth token), following {@code next_page_uri} on the same host.
 * Only the {@code totalprice} category is read: Twilio's categories nest (sms includes
 * sms-outbound), so summing them all would count costs twice. One record per day and currency
 * ({@code price_unit}), provider {@code twilio}, service {@code usage}, source API.
 *
 * <p>The auth token comes from configuration ({@code obskit.billing.twilio.auth-token}) and is
 * never logged. Blocks on network I/O with bounded timeouts and retries. Thread-safe.
 */
public final class TwilioCostCollector implements CostCollector {
  /** The public API. */
  public static final URI DEFAULT_BASE = URI.create("https://api.twilio.com");
  private static final Pattern SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final int MAX_PAGES = 20;

  private final URI base;
  private final String accountSid;
  private final Secret authToken;
  private final Clock clock;
  private final ProviderHttp http;

  TwilioCostCollector(URI base, String accountSid, Secret authToken, Clock clock, ProviderHttp http) {
    this.base = Providers.base(base);
    if (!SID.matcher(Objects.requireNonNull(accountSid, "accountSid")).matches()) {
      throw new IllegalArgumentException("accountSid must be AC followed by 32 hex digits");
    }
    this.accountSid = accountSid;
    this.authToken = Objects.requireNonNull(authToken, "authToken");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** Creates a collector for the public API. */
  public static TwilioCostCollector create(String accountSid, Secret authToken, Clock clock) {
    return new TwilioCostCollector(DEFAULT_BASE, accountSid, authToken, clock,
        ProviderHttp.defaults());
  }

  /**
   * Creates a collector from {@code obskit.billing.twilio.account-sid} and {@code .auth-token}
   * (both required) and {@code .base-url} (default the public API).
   */
  public static TwilioCostCollector fromConfig(ConfigProperties config, Clock clock) {
    String prefix = "obskit.billing.twilio.";
    return new TwilioCostCollector(
        URI.create(config.getString(prefix + "base-url", DEFAULT_BASE.toString())),
        config.require(prefix + "account-sid"), Secret.fromConfig(config, prefix + "auth-token"),
        clock, ProviderHttp.defaults());
  }

  @Override
  public String getName() {
    return "twilio";
  }

  @Override
  public List<CostRecord> collect(LocalDate day) {
    Objects.requireNonNull(day, "day");
    URI page = base.resolve("/2010-04-01/Accounts/" + accountSid
        + "/Usage/Records/Daily.json?Category=totalprice&StartDate=" + day + "&EndDate=" + day);
    Map<Currency, BigDecimal> totals = new java.util.TreeMap<>(
        java.util.Comparator.comparing(Currency::getCurrencyCode));
    for (int pages = 0; page != null && pages < MAX_PAGES; pages++) {
      Map<String, Object> body = get(page);
      for (Map<String, Object> record : Json.list(body, "usage_records", "usage records")) {
        String price = Json.textOr(record, "price", "0");
        String unit = Json.textOr(record, "price_unit", "usd").toUpperCase(Locale.ROOT);
        Currency currency;
        try {
          currency = Money.currency(unit);
        } catch (IllegalArgumentException e) {
          throw new ProviderException("twilio usage record: " + e.getMessage(), 0, e);
        }
        totals.merge(currency, Providers.amount(price, "twilio usage record price"), BigDecimal::add);
      }
      Object next = body.get("next_page_uri");
      page = next instanceof String s && !s.isEmpty() ? Providers.sameHost(base, s, "twilio") : null;
    }
    List<CostRecord> records = new ArrayList<>();
    Instant now = clock.instant();
    totals.forEach((currency, amount) -> records.add(new CostRecord(getName(), accountSid, "usage",
        totals.size() == 1 ? "" : currency.getCurrencyCode(), day, ChargeCategory.USAGE,
        Money.of(amount, currency), CostSource.API, now, "")));
    return records;
  }

  private Map<String, Object> get(URI uri) {
    String basic = Base64.getEncoder().encodeToString(
        (accountSid + ":" + authToken.value()).getBytes(StandardCharsets.UTF_8));
    ProviderHttp.Response response = http.send(http.request(uri)
        .header("Authorization", "Basic " + basic).GET().build());
    if (!response.ok()) {
      throw new ProviderException("twilio usage records: HTTP " + response.status(),
          response.status(), null);
    }
    return Json.object(response.body(), "twilio usage records");
  }

  @Override
  public String toString() {
    return "TwilioCostCollector{" + base + ", account " + accountSid + ", token " + authToken + "}";
  }
}
