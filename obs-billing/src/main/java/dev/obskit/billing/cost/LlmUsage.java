package dev.obskit.billing.cost;

import dev.obskit.billing.money.Money;
import dev.obskit.core.id.TeamId;
import java.time.LocalDate;

/**
 * One user's LLM tokens on one model on one day, and what they cost. Immutable.
 *
 * @param date the day (UTC)
 * @param teamId the team
 * @param user the user dimension of the usage events
 * @param model the model dimension
 * @param inputTokens tokens in
 * @param outputTokens tokens out
 * @param cost unrounded cost from the price table; zero for unpriced models
 * @param priced whether the model had a price
 */
public record LlmUsage(LocalDate date, TeamId teamId, String user, String model, long inputTokens,
    long outputTokens, Money cost, boolean priced) {}
