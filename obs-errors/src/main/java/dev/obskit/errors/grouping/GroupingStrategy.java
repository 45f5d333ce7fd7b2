package dev.obskit.errors.grouping;

/** Which part of an event decided its group, strongest first (Sentry's order). */
public enum GroupingStrategy {
  /** A fingerprint without {@code {{ default }}} replaced the algorithm. */
  FINGERPRINT,
  /** Exception types plus in-app frames (module + function). */
  APP_STACKTRACE,
  /** No in-app frames: exception types plus all groupable frames. */
  SYSTEM_STACKTRACE,
  /** No usable frames: exception types plus normalised values. */
  EXCEPTION_VALUE,
  /** No exception: the message template, or the parameterised message. */
  MESSAGE,
  /** Nothing to group by; all such events of a project share one group. */
  FALLBACK
}
