package dev.obskit.errors.issue;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import dev.obskit.errors.event.ErrorEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * An accepted event, as stored (already scrubbed when the project does not send PII). Events are
 * written once, so the version is always {@link dev.obskit.core.store.Versioned#INITIAL_VERSION}.
 *
 * @param id the event id
 * @param teamId the owning team
 * @param version always 1
 * @param projectId the project
 * @param issueId the issue it was grouped into
 * @param receivedAt when it was accepted
 * @param event the event
 */
public record StoredEvent(EventId id, TeamId teamId, long version, ProjectId projectId,
    IssueId issueId, Instant receivedAt, ErrorEvent event) implements Aggregate<EventId> {
  /** Validates. */
  public StoredEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(issueId, "issueId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(event, "event");
  }
}
