package dev.obskit.telemetry;

/**
 * Log severity with its OpenTelemetry severity number (TRACE=1, DEBUG=5, INFO=9, WARN=13,
 * ERROR=17, FATAL=21), so every sink maps levels the same way.
 */
public enum Severity {
  TRACE(1),
  DEBUG(5),
  INFO(9),
  WARN(13),
  ERROR(17),
  FATAL(21);

  private final int otelNumber;

  Severity(int otelNumber) {
    this.otelNumber = otelNumber;
  }

  /** Returns the OTLP {@code severityNumber} of this level. */
  public int otelNumber() {
    return otelNumber;
  }

  /**
   * Parses a level name as written by logback, Log4j2, JUL-style configs ("warning") or OTel;
   * case-insensitive.
   *
   * @throws IllegalArgumentException naming the value when it is no known level
   */
  public static Severity parse(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT);
    switch (n) {
      case "TRACE": case "FINEST": case "FINER": return TRACE;
      case "DEBUG": case "FINE": case "CONFIG": return DEBUG;
      case "INFO": return INFO;
      case "WARN": case "WARNING": return WARN;
      case "ERROR": case "SEVERE": return ERROR;
      case "FATAL": case "CRITICAL": return FATAL;
      default:
        throw new IllegalArgumentException("unknown log level '" + name
            + "' (expected TRACE, DEBUG, INFO, WARN, ERROR or FATAL)");
    }
  }

  /** Maps an OTLP severity number (1-24) to the level whose range contains it; 0 maps to INFO. */
  public static Severity fromOtelNumber(int number) {
    if (number <= 0) {
      return INFO;
    }
    Severity result = TRACE;
    for (Severity s : values()) {
      if (number >= s.otelNumber) {
        result = s;
      }
    }
    return result;
  }
}
