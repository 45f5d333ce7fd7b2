package dev.obskit.core.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an {@link AlertManager} call: what it did and the alert's state afterwards.
 *
 * @param outcome what happened
 * @param alert the affected alert, or null when there was none ({@link AlertOutcome#NO_CHANGE} on
 *     an unknown key)
 */
public record AlertResult(AlertOutcome outcome, AlertRecord alert) {
  /** Validates the outcome. */
  public AlertResult {
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Returns the alert if there was one. */
  public Optional<AlertRecord> alertIfAny() {
    return Optional.ofNullable(alert);
  }
}
