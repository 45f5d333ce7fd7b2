package dev.obskit.incidents;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.alert.AlertRecord;
import dev.obskit.core.id.AlertId;
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
  /** How many alerts' latest revisions are remembered for ordering. */
  static final int MAX_TRACKED_ALERTS = 10_000;
  private final IncidentService incidents;
  private final ServiceCatalog catalog;
  private final Function<Alert, EscalationPolicyId> defaultPolicy;
  private final boolean autoResolveUnmapped;
  /**
   * Highest revision seen per alert, so an event overtaken by a newer one for the same alert (events
   * can race across publishing threads) is ignored instead of, say, re-opening a resolved incident.
   * Bounded: the least recently seen alerts are forgotten first.
   */
  private final Map<AlertId, Long> revisions = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<AlertId, Long> eldest) {
      return size() > MAX_TRACKED_ALERTS;
    }
  };

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
    if (isStale(rec)) {
      return new TransitionResult.NotFound(rec.teamId(), IncidentId.of("stale-" + rec.revision()));
    }
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

  private boolean isStale(AlertRecord rec) {
    synchronized (revisions) {
      Long seen = revisions.get(rec.id());
      if (seen != null && seen >= rec.revision()) {
        return true;
      }
      revisions.put(rec.id(), rec.revision());
      return false;
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
