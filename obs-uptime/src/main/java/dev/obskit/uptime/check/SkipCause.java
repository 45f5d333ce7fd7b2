package dev.obskit.uptime.check;

/**
 * Why a check could not run: local trouble, never target trouble. A result with one of these
 * causes is {@link CheckStatus#UNKNOWN}: the state machine ignores it, availability and SLIs
 * exclude it, and the module counts it per monitor and per cause.
 */
public enum SkipCause {
  /** The probe pool's (or HTTP dispatcher's) waiting queue was full. */
  PROBE_QUEUE_FULL("probe queue full"),
  /** The probe executor refused the check for another reason. */
  EXECUTOR_REJECTED("probe executor rejected the check"),
  /** The checker overran the kit's own time budget (monitor timeout plus grace). */
  BUDGET_OVERRUN("check overran ObsKit's time budget"),
  /** The checker broke its contract (threw, or failed its future) inside ObsKit. */
  CHECKER_FAILED("checker failed inside ObsKit"),
  /** The module was shutting down. */
  SHUTDOWN("module shutting down"),
  /** The host's DNS resolver did not answer (only when a resolver canary is configured). */
  HOST_RESOLVER_UNAVAILABLE("the host's DNS resolver is unavailable");

  private final String description;

  SkipCause(String description) {
    this.description = description;
  }

  /** Returns a short human description, e.g. {@code "probe queue full"}. */
  public String description() {
    return description;
  }
}
