package dev.obskit.errors.quota;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether events may be accepted now, and if not, what to tell the sender in Sentry's terms.
 * Immutable.
 *
 * @param allowed whether to accept
 * @param retryAfter how long the sender should wait; zero when allowed
 * @param scope Sentry's limit scope: {@code organization}, {@code project} or {@code key}
 * @param reason Sentry's reason code, e.g. {@code usage_exceeded}, {@code rate_limited}
 */
public record QuotaVerdict(boolean allowed, Duration retryAfter, String scope, String reason) {
  private static final QuotaVerdict ALLOWED = new QuotaVerdict(true, Duration.ZERO, "", "");

  /** Validates. */
  public QuotaVerdict {
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(reason, "reason");
  }

  /** Returns the verdict that accepts. */
  public static QuotaVerdict allowedVerdict() {
    return ALLOWED;
  }

  /** Returns the whole seconds to wait, rounded up, at least 1 when denied. */
  public long retryAfterSeconds() {
    if (allowed) {
      return 0;
    }
    long s = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return Math.max(1, s);
  }

  /**
   * Returns the {@code X-Sentry-Rate-Limits} value for a denial: {@code
   * <seconds>:error;default:<scope>:<reason>}, which sentry-java applies to error and message
   * events (transactions and sessions are not limited).
   */
  public String rateLimitsHeader() {
    return retryAfterSeconds() + ":error;default:" + scope + ":" + reason;
  }
}
