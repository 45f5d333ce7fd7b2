package dev.obskit.statuspages;

import java.util.Objects;

/**
 * The answer to a subscription request, with a message fit to show the visitor. Immutable.
 *
 * @param outcome what happened
 * @param message a human sentence saying so (never contains another subscriber's address)
 */
public record SubscribeResult(Outcome outcome, String message) {
  /** What a subscription request led to. */
  public enum Outcome {
    /** A verification message was sent (also answered for an address already subscribed). */
    PENDING_CONFIRMATION,
    /** The page has as many subscribers as it may have. */
    QUOTA_EXCEEDED,
    /** The address or resources are not valid. */
    INVALID,
    /** The page does not take subscribers, or does not exist. */
    NOT_SUBSCRIBABLE
  }

  /** Validates. */
  public SubscribeResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }
}
