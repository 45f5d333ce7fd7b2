package dev.obskit.core.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * Published on the {@link dev.obskit.core.event.EventBus} for every change to an alert. Consumers
 * (obs-incidents, the host) subscribe to this type.
 *
 * @param action what happened
 * @param alert the alert's state after the change
 * @param at when it happened, by the manager's clock
 */
public record AlertEvent(AlertAction action, AlertRecord alert, Instant at) {
  /** Validates that no component is null. */
  public AlertEvent {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(at, "at");
  }
}
