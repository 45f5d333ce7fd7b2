package dev.obskit.billing.cost;

import dev.obskit.billing.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-model LLM prices per million input and output tokens, in one currency. Data supplied by the
 * host (vendor prices change too often to hard-code). Thread-safe.
 */
public final class LlmPriceTable {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final Currency currency;
  private final Map<String, Prices> prices = new ConcurrentHashMap<>();

  /** Creates an empty table in {@code currency}. */
  public LlmPriceTable(Currency currency) {
    this.currency = Objects.requireNonNull(currency, "currency");
  }

  /** Sets a model's prices, as decimal strings per million tokens, e.g. {@code "2.50"}. */
  public LlmPriceTable put(String model, String inputPerMillion, String outputPerMillion) {
    Objects.requireNonNull(model, "model");
    BigDecimal in = new BigDecimal(inputPerMillion);
    BigDecimal out = new BigDecimal(outputPerMillion);
    if (in.signum() < 0 || out.signum() < 0) {
      throw new IllegalArgumentException("prices of " + model + " must be >= 0");
    }
    prices.put(model, new Prices(in, out));
    return this;
  }

  /** Returns the currency. */
  public Currency currency() {
    return currency;
  }

  /** Returns the unrounded cost of the tokens, or empty when the model has no price. */
  public Optional<Money> cost(String model, long inputTokens, long outputTokens) {
    Prices p = prices.get(model);
    if (p == null) {
      return Optional.empty();
    }
    BigDecimal amount = p.input.multiply(BigDecimal.valueOf(inputTokens))
        .add(p.output.multiply(BigDecimal.valueOf(outputTokens)))
        .divide(MILLION);
    return Optional.of(Money.of(amount, currency));
  }

  private record Prices(BigDecimal input, BigDecimal output) {}
}
