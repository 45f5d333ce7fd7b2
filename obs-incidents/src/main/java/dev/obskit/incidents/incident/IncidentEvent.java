package dev.obskit.incidents.incident;

import java.util.Objects;

/**
 * Published on the kit's event bus after every stored incident change, so a host (or a status
 * page) can react. Immutable.
 *
 * @param type the timeline type of the last entry the change added
 * @param incident the incident after the change
 */
public record IncidentEvent(TimelineEventType type, Incident incident) {
  /** Validates the components. */
  public IncidentEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(incident, "incident");
  }
}
