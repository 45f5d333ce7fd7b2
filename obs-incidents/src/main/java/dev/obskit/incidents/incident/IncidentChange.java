package dev.obskit.incidents.incident;

import dev.obskit.core.id.ServiceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable working copy of an {@link Incident} that produces the next version. Package-private:
 * only {@link IncidentService} changes incidents. Not thread-safe; used by one thread per attempt.
 */
final class IncidentChange {
  private final Incident base;
  private final Instant now;
  String title;
  Severity severity;
  IncidentStatus status;
  ServiceId serviceId;
  Instant acknowledgedAt;
  String acknowledgedBy;
  Instant firstAcknowledgedAt;
  Instant resolvedAt;
  String resolvedBy;
  int alertCount;
  EscalationProgress escalation;
  final List<RoleAssignment> roles;
  final List<TimelineEntry> timeline;

  IncidentChange(Incident base, Instant now) {
    this.base = base;
    this.now = now;
    this.title = base.title();
    this.severity = base.severity();
    this.status = base.status();
    this.serviceId = base.serviceId();
    this.acknowledgedAt = base.acknowledgedAt();
    this.acknowledgedBy = base.acknowledgedBy();
    this.firstAcknowledgedAt = base.firstAcknowledgedAt();
    this.resolvedAt = base.resolvedAt();
    this.resolvedBy = base.resolvedBy();
    this.alertCount = base.alertCount();
    this.escalation = base.escalation();
    this.roles = new ArrayList<>(base.roles());
    this.timeline = new ArrayList<>(base.timeline());
  }

  Instant now() {
    return now;
  }

  IncidentChange log(TimelineEventType type, String actor, String message, Map<String, String> attrs) {
    timeline.add(new TimelineEntry(timeline.size() + 1L, now, type, actor, message, attrs));
    return this;
  }

  IncidentChange log(TimelineEventType type, String actor, String message) {
    return log(type, actor, message, Map.of());
  }

  static Map<String, String> attrs(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  Incident build() {
    return new Incident(base.id(), base.teamId(), base.version() + 1, title, severity, status,
        serviceId, base.dedupKey(), base.createdAt(), acknowledgedAt, acknowledgedBy,
        firstAcknowledgedAt, resolvedAt, resolvedBy, alertCount, escalation, roles, timeline);
  }
}
