package dev.obskit.uptime.state;

import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;

/**
 * Confirms a failure from a second vantage point before a monitor goes DOWN, for hosts that run
 * several instances (in different zones or regions): the implementation asks another instance to
 * probe the same target. Called once the confirmation period has elapsed, on a probe-completion
 * thread, so implementations must bound their own wait (a few seconds at most) and never throw.
 *
 * <p>{@link Verdict#REFUTED} keeps the monitor PENDING (the failure is local to this vantage
 * point, e.g. a network partition of this instance); {@link Verdict#UNAVAILABLE} confirms, so an
 * unreachable peer never hides a real outage.
 */
public interface SecondOpinion {

  /** The second vantage point's verdict. */
  enum Verdict { CONFIRMED, REFUTED, UNAVAILABLE }

  /** Returns a short name for logs, e.g. {@code "peer-eu-west"}. */
  String getName();

  /** Asks whether {@code monitor} also fails from the other vantage point. */
  Verdict confirm(Monitor monitor, CheckResult localFailure);

  /** Returns the default: no second vantage point, every failure is confirmed locally. */
  static SecondOpinion none() {
    return NoSecondOpinion.INSTANCE;
  }
}
