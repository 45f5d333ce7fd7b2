package dev.obskit.incidents.notify;

import dev.obskit.core.notify.Link;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Recipient;
import dev.obskit.core.notify.Urgency;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.incident.Incident;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders an incident into the channel-neutral {@link Notification} every notifier formats: title
 * {@code "[SEV1] checkout-api: ..."}, fields (service, status, started, alerts), the incident,
 * runbook and acknowledge/resolve links. Immutable and thread-safe.
 */
public final class IncidentNotifications {
  private final ActionLinks links;

  /** Creates the renderer; {@code links} builds the incident and action URLs. */
  public IncidentNotifications(ActionLinks links) {
    this.links = Objects.requireNonNull(links, "links");
  }

  /** Returns the action links. */
  public ActionLinks links() {
    return links;
  }

  /**
   * Returns the page for {@code recipient}; {@code id} must be unique per message and stable
   * across retries.
   */
  public Notification page(String id, Incident incident, Optional<Service> service,
      Recipient recipient, Urgency urgency) {
    String serviceName = service.map(Service::name).orElse("unmapped");
    Notification.Builder b = Notification.builder(id, incident.teamId(), recipient)
        .setTitle("[" + incident.severity() + "] " + serviceName + ": " + incident.title())
        .setBody(incident.title())
        .setSeverity(incident.severity().toAlertSeverity())
        .setUrgency(urgency)
        .setSubjectRef(incident.id().value())
        .putField("Service", serviceName)
        .putField("Severity", incident.severity().name())
        .putField("Status", incident.status().name())
        .putField("Started", incident.createdAt().toString())
        .putField("Alerts", Integer.toString(incident.alertCount()))
        .addLink(new Link("Incident " + incident.id(), links.page(incident.teamId(), incident.id())))
        .setAcknowledgeAction(new Link("Acknowledge",
            links.link(ActionLinks.Action.ACKNOWLEDGE, incident)))
        .setResolveAction(new Link("Resolve",
            links.link(ActionLinks.Action.RESOLVE, incident)));
    service.filter(s -> !s.runbookUrl().isEmpty())
        .ifPresent(s -> b.addLink(new Link("Runbook", s.runbookUrl())));
    return b.build();
  }
}
