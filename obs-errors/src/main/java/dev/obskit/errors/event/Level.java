package dev.obskit.errors.event;

import java.util.Locale;

/** Severity of an event, with Sentry's wire names. */
public enum Level {
  /** A crash: the process or request could not continue. */
  FATAL("fatal"),
  /** An error; Sentry's default when an event names no level. */
  ERROR("error"),
  /** A warning. */
  WARNING("warning"),
  /** Informational; what {@code captureMessage} uses by default. */
  INFO("info"),
  /** Debug output. */
  DEBUG("debug");

  private final String wireName;

  Level(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the name used in event JSON, e.g. {@code "warning"}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a wire name leniently ({@code "warn"}, {@code "critical"} and {@code "log"} are accepted
   * as their closest level); returns {@link #ERROR} for null and unknown names, as Sentry does.
   */
  public static Level parse(String name) {
    if (name == null) {
      return ERROR;
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "fatal": case "critical": return FATAL;
      case "warning": case "warn": return WARNING;
      case "info": case "log": return INFO;
      case "debug": case "trace": return DEBUG;
      default: return ERROR;
    }
  }
}
