package dev.obskit.incidents.incident;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.store.Aggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One incident: an immutable, versioned snapshot. Every change produces the next snapshot through
 * {@link IncidentService}, which stores it with an optimistic version check, so concurrent callers
 * never both apply the same transition. The timeline is part of the snapshot, so it always agrees
 * with the status it describes.
 *
 * @param id the incident id
 * @param teamId the owning team
 * @param version optimistic-locking version, starting at 1
 * @param title a one-line summary
 * @param severity SEV1 to SEV4
 * @param status TRIGGERED, ACKNOWLEDGED or RESOLVED
 * @param serviceId the affected catalog service, or null when the alert mapped to none
 * @param dedupKey the alert dedup key that merges repeats, empty for incidents opened by hand
 * @param createdAt when it opened (detection time)
 * @param acknowledgedAt when the current acknowledgement was made, or null
 * @param acknowledgedBy who made it, or null
 * @param firstAcknowledgedAt the first acknowledgement ever, kept for time-to-acknowledge
 * @param resolvedAt when resolved, or null while open
 * @param resolvedBy who resolved it, or null
 * @param alertCount how many alerts were merged into it
 * @param escalation where escalation stands
 * @param roles every role assignment, current and past, in assignment order
 * @param timeline the append-only timeline, oldest first
 */
public record Incident(
    IncidentId id,
    TeamId teamId,
    long version,
    String title,
    Severity severity,
    IncidentStatus status,
    ServiceId serviceId,
    String dedupKey,
    Instant createdAt,
    Instant acknowledgedAt,
    String acknowledgedBy,
    Instant firstAcknowledgedAt,
    Instant resolvedAt,
    String resolvedBy,
    int alertCount,
    EscalationProgress escalation,
    List<RoleAssignment> roles,
    List<TimelineEntry> timeline) implements Aggregate<IncidentId> {

  /** Validates required components and copies the lists. */
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(escalation, "escalation");
    roles = List.copyOf(roles);
    timeline = List.copyOf(timeline);
  }

  /** Returns the service, if the incident is mapped to one. */
  public Optional<ServiceId> service() {
    return Optional.ofNullable(serviceId);
  }

  /** Returns the time from opening to the first acknowledgement, if acknowledged. */
  public Optional<Duration> timeToAcknowledge() {
    return Optional.ofNullable(firstAcknowledgedAt).map(a -> Duration.between(createdAt, a));
  }

  /** Returns the time from opening to resolution, if resolved. */
  public Optional<Duration> timeToResolve() {
    return Optional.ofNullable(resolvedAt).map(r -> Duration.between(createdAt, r));
  }

  /** Returns who holds {@code role} now (several for RESPONDER), in assignment order. */
  public List<UserId> holders(IncidentRole role) {
    return roles.stream().filter(r -> r.role() == role && r.isActive())
        .map(RoleAssignment::user).toList();
  }

  /** Returns the timeline entries of one type, oldest first. */
  public List<TimelineEntry> entries(TimelineEventType type) {
    return timeline.stream().filter(e -> e.type() == type).toList();
  }

  @Override
  public String toString() {
    return "Incident{" + teamId + "/" + id + " v" + version + ", " + severity + ", " + status
        + ", " + title + "}";
  }
}
