package dev.obskit.core.event;

import java.util.Objects;

/**
 * A subscriber threw while handling an event. Reported to the {@link SubscriberFailureHandler}
 * instead of to the publisher.
 *
 * @param event the event being delivered
 * @param subscriber a description of the subscriber (its class name)
 * @param error what it threw
 */
public record SubscriberFailure(Object event, String subscriber, RuntimeException error) {
  /** Validates that no component is null. */
  public SubscriberFailure {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(error, "error");
  }
}
