package dev.obskit.incidents.config;

import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.oncall.Schedule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an incidents configuration file declares for one team: named notification channels,
 * responders, services, escalation policies and schedules (with layers and overrides). Every
 * object is at its initial version; {@link IncidentsConfigFile#apply} decides what changes.
 * Immutable.
 *
 * @param team the team everything belongs to
 * @param channels notification channels by name (Slack, Teams or webhook URLs)
 * @param responders who can be paged
 * @param services the service catalog entries
 * @param policies escalation policies
 * @param schedules on-call schedules; their overrides have source {@link IncidentsConfigFile#SOURCE}
 */
public record IncidentsDefinition(TeamId team, Map<String, EscalationTarget.Webhook> channels,
    List<Responder> responders, List<Service> services, List<EscalationPolicy> policies,
    List<Schedule> schedules) {
  /** Validates and copies the components. */
  public IncidentsDefinition {
    Objects.requireNonNull(team, "team");
    channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    responders = List.copyOf(responders);
    services = List.copyOf(services);
    policies = List.copyOf(policies);
    schedules = List.copyOf(schedules);
  }
}
