package dev.obskit.core.alert;

import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/** Alerting switched off: every call is accepted and forgotten. */
final class NoopAlertManager implements AlertManager {
  static final NoopAlertManager INSTANCE = new NoopAlertManager();

  private NoopAlertManager() {}

  @Override
  public AlertResult trigger(Alert alert) {
    return new AlertResult(AlertOutcome.NO_CHANGE, null);
  }

  @Override
  public AlertResult acknowledge(TeamId teamId, String dedupKey, String by) {
    return new AlertResult(AlertOutcome.NO_CHANGE, null);
  }

  @Override
  public AlertResult resolve(TeamId teamId, String dedupKey, String by) {
    return new AlertResult(AlertOutcome.NO_CHANGE, null);
  }

  @Override
  public Optional<AlertRecord> findOpen(TeamId teamId, String dedupKey) {
    return Optional.empty();
  }

  @Override
  public List<AlertRecord> listOpen(TeamId teamId) {
    return List.of();
  }
}
