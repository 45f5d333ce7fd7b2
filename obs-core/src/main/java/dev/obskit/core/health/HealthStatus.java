package dev.obskit.core.health;

/** How well a module is working, from best to worst. */
public enum HealthStatus {
  /** Working as configured. */
  UP,
  /** Working, but something needs attention (a backlog, a sink failing, checks skipped). */
  DEGRADED,
  /** Not doing its job (not started, stopped, its store unreachable). */
  DOWN;

  /** Returns the worse of this and {@code other}. */
  public HealthStatus worst(HealthStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
