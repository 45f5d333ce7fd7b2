package dev.obskit.incidents.incident;

import dev.obskit.core.alert.AlertSeverity;
import java.util.Objects;

/** Incident severity, SEV1 (worst) to SEV4, as most incident-response tools number it. */
public enum Severity {
  /** Critical: the service is down or data is at risk. */
  SEV1,
  /** Major: broken for some users. */
  SEV2,
  /** Minor: degraded or about to break. */
  SEV3,
  /** Informational: no user impact yet. */
  SEV4;

  /** Maps core alert severity: CRITICAL to SEV1, ERROR to SEV2, WARNING to SEV3, INFO to SEV4. */
  public static Severity from(AlertSeverity severity) {
    switch (Objects.requireNonNull(severity, "severity")) {
      case CRITICAL:
        return SEV1;
      case ERROR:
        return SEV2;
      case WARNING:
        return SEV3;
      default:
        return SEV4;
    }
  }

  /** Maps back to the alert severity used in notifications. */
  public AlertSeverity toAlertSeverity() {
    return AlertSeverity.values()[ordinal()];
  }

  /** Returns whether this is worse than {@code other}. */
  public boolean isWorseThan(Severity other) {
    return ordinal() < other.ordinal();
  }
}
