package dev.obskit.uptime.heartbeat;

/**
 * What a ping did, so an HTTP adapter can answer 200, 404 or 400 without knowing the model.
 */
public enum PingOutcome {
  /** Recorded. */
  ACCEPTED,
  /** No heartbeat has that id (HTTP 404). */
  UNKNOWN_HEARTBEAT,
  /** The input was malformed (HTTP 400); nothing was recorded. */
  REJECTED,
  /** The heartbeat is paused; the ping was ignored (HTTP 200). */
  PAUSED
}
