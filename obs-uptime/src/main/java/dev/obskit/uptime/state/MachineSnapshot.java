package dev.obskit.uptime.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MonitorStateMachine} must remember across a restart: its displayed state,
 * whether its alert is open, when the open outage began, and the last failure cause. Changes in
 * progress (a failure being confirmed, a recovery being validated) are not kept: after a restart
 * they start over, and the time the host was stopped is not counted. Immutable.
 *
 * @param state displayed state at the snapshot (informational: restore re-derives it)
 * @param confirmedDown whether the monitor's alert is open
 * @param outageStart first failed check of the open outage, when confirmed down
 * @param lastCause last failure cause, empty when none
 */
public record MachineSnapshot(MonitorState state, boolean confirmedDown,
    Optional<Instant> outageStart, String lastCause) {
  /** Validates: an open outage needs its start, and only then. */
  public MachineSnapshot {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(outageStart, "outageStart");
    Objects.requireNonNull(lastCause, "lastCause");
    if (confirmedDown != outageStart.isPresent()) {
      throw new IllegalArgumentException("outageStart must be present exactly when"
          + " confirmedDown, got confirmedDown=" + confirmedDown + " outageStart=" + outageStart);
    }
  }
}
