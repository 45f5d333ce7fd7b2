package dev.obskit.incidents;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.alert.AlertRecord;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IncidentId;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.catalog.ServiceCatalog;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.incident.TransitionResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns core {@link AlertEvent}s into incidents (PagerDuty Events v2 semantics): TRIGGERED and
 * MERGED open the team's incident for the dedup key or merge into the open one; ACKNOWLEDGED
 * acknowledges it; RESOLVED records the recovery and resolves the incident when its service says
 * auto-resolve. The service comes from the {@link ServiceCatalog}; an unmapped alert uses the
 * default policy. Thread-safe; a subscriber of the event bus.
 */
public final class AlertIntake {
  private final IncidentService incidents;
  private final ServiceCatalog catalog;
  private final Function<Alert, EscalationPolicyId> defaultPolicy;
  private final boolean autoResolveUnmapped;

  /**
   * Creates the intake; {@code defaultPolicy} picks the policy of alerts that map to no service (it
   * may return null for none).
   */
  public AlertIntake(IncidentService incidents, ServiceCatalog catalog,
      Function<Alert, EscalationPolicyId> defaultPolicy, boolean autoResolveUnmapped) {
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    this.autoResolveUnmapped = autoResolveUnmapped;
  }

  /** Handles one alert event; returns what it did to the incident. */
  public TransitionResult onAlert(AlertEvent event) {
    AlertRecord rec = event.alert();
    Alert alert = rec.latest();
    Optional<Service> service = catalog.resolve(alert);
    String actor = "alert:" + alert.source();
    switch (event.action()) {
      case TRIGGERED:
      case MERGED:
        return incidents.openOrMerge(draft(alert, service, actor));
      case ACKNOWLEDGED:
        return incidents.repository().findOpenByDedupKey(alert.teamId(), alert.dedupKey())
            .map(i -> incidents.acknowledge(i.teamId(), i.id(),
                rec.acknowledgedBy() == null ? actor : rec.acknowledgedBy()))
            .orElseGet(() -> new TransitionResult.NotFound(alert.teamId(), IncidentId.of("none")));
      default:
        boolean auto = service.map(Service::autoResolve).orElse(autoResolveUnmapped);
        return incidents.alertResolved(alert.teamId(), alert.dedupKey(),
            rec.resolvedBy() == null ? actor : "alert:" + rec.resolvedBy(), auto);
    }
  }

  private IncidentDraft draft(Alert alert, Optional<Service> service, String actor) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", alert.source());
    details.put("component", alert.component());
    details.put("summary", alert.summary());
    details.putAll(alert.details());
    EscalationPolicyId policy = service.map(Service::escalationPolicyId)
        .orElseGet(() -> defaultPolicy.apply(alert));
    return new IncidentDraft(alert.teamId(), alert.summary(), Severity.from(alert.severity()),
        service.map(Service::id).orElse(null), policy, alert.dedupKey(), actor, details);
  }
}
