package dev.obskit.core.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened when a {@link Notifier} tried to deliver. Immutable.
 *
 * @param status the outcome
 * @param attempts how many attempts were made, 0 if none
 * @param detail a short, secret-free explanation ("HTTP 500 from hooks.slack.com"), empty when
 *     delivered
 * @param elapsed total time spent
 */
public record DeliveryResult(DeliveryStatus status, int attempts, String detail, Duration elapsed) {
  /** Validates that no component is null. */
  public DeliveryResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Returns a successful result. */
  public static DeliveryResult delivered(int attempts, Duration elapsed) {
    return new DeliveryResult(DeliveryStatus.DELIVERED, attempts, "", elapsed);
  }

  /** Returns a failed result. */
  public static DeliveryResult failed(DeliveryStatus status, int attempts, String detail, Duration elapsed) {
    if (status == DeliveryStatus.DELIVERED) {
      throw new IllegalArgumentException("failed() needs a failure status, got " + status);
    }
    return new DeliveryResult(status, attempts, detail, elapsed);
  }

  /** Returns whether the message was delivered. */
  public boolean isDelivered() {
    return status == DeliveryStatus.DELIVERED;
  }
}
