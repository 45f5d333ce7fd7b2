package dev.obskit.core.usage;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether an action that consumes a metered quantity may proceed. Immutable.
 *
 * @param allowed whether to proceed
 * @param limit the effective limit for the period, or {@link Long#MAX_VALUE} when unlimited
 * @param used usage so far in the period, before this action
 * @param retryAfter when denied, how long until the period rolls over; zero when allowed
 * @param reason a short explanation when denied, empty when allowed
 */
public record QuotaDecision(boolean allowed, long limit, long used, Duration retryAfter, String reason) {
  private static final QuotaDecision UNLIMITED =
      new QuotaDecision(true, Long.MAX_VALUE, 0, Duration.ZERO, "");

  /** Validates the components. */
  public QuotaDecision {
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(reason, "reason");
  }

  /** Returns the decision of a gate that enforces nothing. */
  public static QuotaDecision unlimited() {
    return UNLIMITED;
  }
}
