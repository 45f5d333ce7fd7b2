package dev.obskit.incidents.incident;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What opens an incident, from an alert or by hand. Immutable.
 *
 * @param teamId the owning team
 * @param title one-line summary
 * @param severity SEV1..SEV4
 * @param serviceId the affected service, or null
 * @param policyId the escalation policy to follow, or null for none
 * @param dedupKey the alert dedup key, empty for a hand-opened incident (never merged)
 * @param actor who opened it ({@code "alert"} or {@code "user:alice"})
 * @param details alert source, summary and details recorded on the first timeline entry
 */
public record IncidentDraft(TeamId teamId, String title, Severity severity, ServiceId serviceId,
    EscalationPolicyId policyId, String dedupKey, String actor, Map<String, String> details) {
  /** Validates the components. */
  public IncidentDraft {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(title, "title");
    if (title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank");
    }
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(actor, "actor");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Returns a draft for an incident opened by hand (no dedup key). */
  public static IncidentDraft manual(TeamId teamId, String title, Severity severity,
      ServiceId serviceId, EscalationPolicyId policyId, String by) {
    return new IncidentDraft(teamId, title, severity, serviceId, policyId, "", by, Map.of());
  }
}
