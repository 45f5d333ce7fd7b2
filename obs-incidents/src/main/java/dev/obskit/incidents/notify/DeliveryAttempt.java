package dev.obskit.incidents.notify;

import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.Notification;
import java.time.Duration;
import java.util.Objects;

/**
 * One delivery attempt of one notification and what comes next. Immutable.
 *
 * @param notification what was sent
 * @param notifier the notifier's name, or {@code "none"} when no notifier serves the channel
 * @param attempt 1-based attempt number
 * @param result the outcome of this attempt
 * @param retryIn the delay before the next attempt, or null when this was the last one
 */
public record DeliveryAttempt(Notification notification, String notifier, int attempt,
    DeliveryResult result, Duration retryIn) {
  /** Validates the components. */
  public DeliveryAttempt {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(notifier, "notifier");
    Objects.requireNonNull(result, "result");
  }

  /** Returns whether another attempt will follow. */
  public boolean willRetry() {
    return retryIn != null;
  }
}
