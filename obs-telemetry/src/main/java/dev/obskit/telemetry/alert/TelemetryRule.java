package dev.obskit.telemetry.alert;

import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.telemetry.TailLine;
import java.time.Instant;

/**
 * One alert rule over telemetry. {@link TelemetryAlerts} feeds it every log line (in emission
 * order) and asks it at each evaluation whether it fires. Implementations are confined to the
 * evaluating thread.
 */
public interface TelemetryRule {
  /** Returns the rule's name; the alert's dedup key is {@code telemetry:<name>}. */
  String name();

  /** Returns the severity of the alert it raises. */
  default AlertSeverity severity() {
    return AlertSeverity.ERROR;
  }

  /** Sees one log line; default: ignores logs (metric rules). */
  default void accept(TailLine line) {}

  /**
   * Evaluates at {@code now} (the kit's clock); returns a one-line summary when the condition
   * holds, or null when it does not.
   */
  String evaluate(Instant now);
}
