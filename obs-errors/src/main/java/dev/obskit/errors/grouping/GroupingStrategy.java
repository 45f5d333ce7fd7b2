package dev.obskit.errors.grouping;

/** Which part of an event decided its group, strongest first (Sentry's order). */
public enum GroupingStrategy {
  /** A fingerprint without {@code {{ default }}} replaced the algorithm. */
  FINGERPRINT("custom-fingerprint"),
  /** Exception types plus in-app frames (module + function). */
  APP_STACKTRACE("app"),
  /** No in-app frames: exception types plus all groupable frames. */
  SYSTEM_STACKTRACE("system"),
  /** No usable frames: exception types plus normalised values. */
  EXCEPTION_VALUE("exception"),
  /** No exception: the message template, or the parameterised message. */
  MESSAGE("message"),
  /** Nothing to group by; all such events of a project share one group. */
  FALLBACK("fallback");

  private final String variantName;

  GroupingStrategy(String variantName) {
    this.variantName = variantName;
  }

  /** Returns the name of the {@link GroupingVariant} this strategy produces. */
  public String variantName() {
    return variantName;
  }
}
