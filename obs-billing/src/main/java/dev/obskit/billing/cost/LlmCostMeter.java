package dev.obskit.billing.cost;

import dev.obskit.billing.metering.UsageListener;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The LLM usage cost meter: counts input and output tokens ({@link Meters#LLM_INPUT_TOKENS},
 * {@link Meters#LLM_OUTPUT_TOKENS}, dimensions {@code model} and {@code user}) per UTC day, team,
 * user and model, prices them with an {@link LlmPriceTable}, and offers them as ESTIMATE cost
 * records (one per model and day) so LLM spend shows up in margin reports. It listens to accepted
 * events only, so duplicates never count. Thread-safe.
 */
public final class LlmCostMeter implements UsageListener, CostCollector {
  /** Dimension naming the model. */
  public static final String MODEL = "model";
  /** Dimension naming the user. */
  public static final String USER = "user";

  private final LlmPriceTable prices;
  private final Clock clock;
  private final ConcurrentHashMap<Key, AtomicLongArray> tokens = new ConcurrentHashMap<>();

  /** Creates a meter pricing with {@code prices}. */
  public LlmCostMeter(LlmPriceTable prices, Clock clock) {
    this.prices = Objects.requireNonNull(prices, "prices");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void onAccepted(UsageEvent event, BillingPeriod period, LongSupplier meterValue) {
    boolean input = event.meter().equals(Meters.LLM_INPUT_TOKENS);
    if (!input && !event.meter().equals(Meters.LLM_OUTPUT_TOKENS)) {
      return;
    }
    Key key = new Key(event.timestamp().atZone(ZoneOffset.UTC).toLocalDate(), event.teamId(),
        event.dimensions().getOrDefault(USER, "unknown"),
        event.dimensions().getOrDefault(MODEL, "unknown"));
    tokens.computeIfAbsent(key, k -> new AtomicLongArray(2)).addAndGet(input ? 0 : 1, event.quantity());
  }

  /** Returns the usage rows dated in {@code [from, to]}, ordered by date, team, user, model. */
  public List<LlmUsage> usage(LocalDate from, LocalDate to) {
    List<LlmUsage> rows = new ArrayList<>();
    tokens.forEach((key, counts) -> {
      if (!key.date.isBefore(from) && !key.date.isAfter(to)) {
        long in = counts.get(0);
        long out = counts.get(1);
        var cost = prices.cost(key.model, in, out);
        rows.add(new LlmUsage(key.date, key.team, key.user, key.model, in, out,
            cost.orElse(Money.zero(prices.currency())), cost.isPresent()));
      }
    });
    rows.sort(Comparator.comparing(LlmUsage::date).thenComparing(r -> r.teamId().value())
        .thenComparing(LlmUsage::user).thenComparing(LlmUsage::model));
    return rows;
  }

  /**
   * Returns the {@code n} users with the highest LLM cost in {@code [from, to]}, highest first
   * (ties by team and user name), costs rounded to the minor unit.
   */
  public List<UserCost> topUsersByCost(LocalDate from, LocalDate to, int n) {
    Map<String, UserCost> byUser = new LinkedHashMap<>();
    for (LlmUsage row : usage(from, to)) {
      String id = row.teamId().value() + "/" + row.user();
      byUser.merge(id, new UserCost(row.teamId(), row.user(), row.inputTokens(), row.outputTokens(),
          row.cost()), UserCost::plus);
    }
    return byUser.values().stream()
        .map(UserCost::rounded)
        .sorted(Comparator.comparing(UserCost::cost).reversed()
            .thenComparing(u -> u.teamId().value()).thenComparing(UserCost::user))
        .limit(Math.max(0, n))
        .toList();
  }

  @Override
  public String getName() {
    return "llm-usage";
  }

  /** Returns one ESTIMATE record per priced model for {@code day}, summed over teams and users. */
  @Override
  public List<CostRecord> collect(LocalDate day) {
    Map<String, Money> byModel = new LinkedHashMap<>();
    for (LlmUsage row : usage(day, day)) {
      if (row.priced()) {
        byModel.merge(row.model(), row.cost(), Money::plus);
      }
    }
    List<CostRecord> records = new ArrayList<>();
    byModel.forEach((model, cost) -> records.add(new CostRecord("llm", "default", sanitize(model),
        "", day, ChargeCategory.USAGE, cost, CostSource.ESTIMATE, clock.instant(),
        "estimated from metered tokens")));
    return records;
  }

  private static String sanitize(String model) {
    String cleaned = model.replaceAll("[^A-Za-z0-9._:@/-]", "_");
    if (cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0))) {
      cleaned = "m" + cleaned;
    }
    return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
  }

  private record Key(LocalDate date, TeamId team, String user, String model) {}

  /**
   * One user's LLM cost over a range.
   *
   * @param teamId the team
   * @param user the user
   * @param inputTokens tokens in
   * @param outputTokens tokens out
   * @param cost the cost
   */
  public record UserCost(TeamId teamId, String user, long inputTokens, long outputTokens,
      Money cost) {
    UserCost plus(UserCost other) {
      return new UserCost(teamId, user, inputTokens + other.inputTokens,
          outputTokens + other.outputTokens, cost.plus(other.cost));
    }

    UserCost rounded() {
      return new UserCost(teamId, user, inputTokens, outputTokens, cost.rounded());
    }

    /** Returns the cost as a plain decimal. */
    public BigDecimal amount() {
      return cost.amount();
    }
  }
}
