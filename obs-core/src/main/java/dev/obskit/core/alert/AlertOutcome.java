package dev.obskit.core.alert;

/** What an {@link AlertManager} call did. */
public enum AlertOutcome {
  /** A trigger opened a new alert. */
  CREATED,
  /** A trigger merged into the open alert with the same dedup key. */
  MERGED,
  /** The open alert was acknowledged. */
  ACKNOWLEDGED,
  /** The open alert was resolved. */
  RESOLVED,
  /** Nothing to do: no open alert for the key, or it was already in the requested state. */
  NO_CHANGE
}
