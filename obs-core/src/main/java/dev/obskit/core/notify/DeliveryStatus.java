package dev.obskit.core.notify;

/** The outcome of one delivery attempt sequence. */
public enum DeliveryStatus {
  /** The channel accepted the message. */
  DELIVERED,
  /** Failed in a way that may succeed later (timeout, 5xx, 429); the caller may retry. */
  RETRYABLE_FAILURE,
  /** Failed for good (4xx, bad address, channel not configured); do not retry. */
  PERMANENT_FAILURE,
  /** Not sent because the channel's rate limit was reached. */
  RATE_LIMITED
}
