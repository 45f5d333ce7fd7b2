package dev.obskit.uptime.check;

/** The verdict of one probe. */
public enum CheckStatus {
  /** Every condition of the spec held. */
  UP,
  /** A condition failed; {@link CheckResult#failureCause()} says which. */
  DOWN,
  /**
   * The check could not run because of trouble on ObsKit's side (see {@link SkipCause}); it says
   * nothing about the target and counts neither toward DOWN nor toward UP.
   */
  UNKNOWN
}
