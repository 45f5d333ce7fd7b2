package dev.obskit.uptime.state;

import dev.obskit.core.id.MonitorId;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a monitor's state, published on the event bus. Immutable.
 *
 * @param monitorId which monitor
 * @param from the previous state
 * @param to the new state
 * @param at when it changed (module clock)
 * @param reason why: the failure cause, "recovered", "maintenance started", ...
 */
public record StateTransition(MonitorId monitorId, MonitorState from, MonitorState to,
    Instant at, String reason) {
  /** Validates the components. */
  public StateTransition {
    Objects.requireNonNull(monitorId, "monitorId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return monitorId + " " + from + " -> " + to + " at " + at
        + (reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
