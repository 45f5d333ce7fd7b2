package dev.obskit.uptime.check;

/** The verdict of one probe. */
public enum CheckStatus {
  /** Every condition of the spec held. */
  UP,
  /** A condition failed; {@link CheckResult#failureCause()} says which. */
  DOWN
}
