package dev.obskit.errors.release;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import java.time.Instant;
import java.util.Objects;

/**
 * What ObsKit knows about one release of a project: when it was first and last seen, how many
 * events and new issues it brought, how many issues were resolved in it, its session health.
 * Immutable snapshot, versioned.
 *
 * @param id the record id
 * @param teamId the owning team
 * @param projectId the project
 * @param version the optimistic-locking version
 * @param release the release string as sent, e.g. {@code shop@1.4.2}
 * @param firstSeen first event or session of the release
 * @param lastSeen latest event or session
 * @param eventCount error events received
 * @param newIssues issues first seen in this release
 * @param resolvedIssues issues marked resolved in this release
 * @param sessions sessions started
 * @param crashedSessions sessions that ended crashed or abnormal
 */
public record Release(ReleaseId id, TeamId teamId, ProjectId projectId, long version,
    String release, Instant firstSeen, Instant lastSeen, long eventCount, long newIssues,
    long resolvedIssues, long sessions, long crashedSessions) implements Aggregate<ReleaseId> {
  /** Validates. */
  public Release {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  Release next(Instant at, long events, long issues, long resolved, long newSessions, long crashed) {
    return new Release(id, teamId, projectId, version + 1, release, firstSeen,
        at.isAfter(lastSeen) ? at : lastSeen, eventCount + events, newIssues + issues,
        resolvedIssues + resolved, sessions + newSessions, crashedSessions + crashed);
  }

  /** Returns the share of sessions that did not crash, 1.0 when there were none. */
  public double crashFreeRate() {
    return sessions == 0 ? 1.0 : 1.0 - (double) crashedSessions / sessions;
  }
}
