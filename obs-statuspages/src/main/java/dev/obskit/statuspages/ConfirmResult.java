package dev.obskit.statuspages;

/** The answer to a verification link. */
public enum ConfirmResult {
  /** The subscription is confirmed. */
  CONFIRMED,
  /** The token was valid but expired; the visitor must subscribe again. */
  EXPIRED,
  /** No pending subscription has that token. */
  UNKNOWN
}
