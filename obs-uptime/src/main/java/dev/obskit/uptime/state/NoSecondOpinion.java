package dev.obskit.uptime.state;

import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;

/** Confirms every failure: single-instance deployments. */
enum NoSecondOpinion implements SecondOpinion {
  INSTANCE;

  @Override
  public String getName() {
    return "none";
  }

  @Override
  public Verdict confirm(Monitor monitor, CheckResult localFailure) {
    return Verdict.CONFIRMED;
  }
}
