package dev.obskit.errors.issue;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.grouping.GroupingStrategy;
import java.time.Instant;
import java.util.Objects;

/**
 * A group of events with one grouping hash: what a user triages. A snapshot; every change produces
 * a new snapshot with {@code version + 1} (see {@link IssueRepository}). Immutable.
 *
 * @param id the issue id
 * @param teamId the owning team
 * @param projectId the project the events came to
 * @param version optimistic-locking version
 * @param groupHash the grouping hash that identifies the group
 * @param groupingConfig the grouping config version that produced the hash
 * @param strategy what decided the group
 * @param title one-line title ({@code Type: message})
 * @param culprit where: {@code module in function} of the crashing frame, or the logger
 * @param level the level of the latest event
 * @param status the lifecycle status
 * @param ignore the ignore condition when {@link IssueStatus#IGNORED}, else null
 * @param ignoredEvents events received since it was ignored
 * @param resolvedRelease for the resolved-in-release variants, the release named or current at
 *     resolution; else null
 * @param firstSeen when the first event arrived
 * @param lastSeen when the latest event arrived
 * @param count events received
 * @param usersAffected distinct users seen
 * @param firstRelease the release the issue was first seen in, or null
 * @param lastRelease the release of the latest event, or null
 * @param regressions how often it came back after being resolved
 */
public record Issue(IssueId id, TeamId teamId, ProjectId projectId, long version, String groupHash,
    String groupingConfig, GroupingStrategy strategy, String title, String culprit, Level level,
    IssueStatus status, IgnoreCondition ignore, long ignoredEvents, String resolvedRelease,
    Instant firstSeen, Instant lastSeen, long count, long usersAffected, String firstRelease,
    String lastRelease, long regressions) implements Aggregate<IssueId> {

  /** Validates the required components. */
  public Issue {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(groupHash, "groupHash");
    Objects.requireNonNull(groupingConfig, "groupingConfig");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  /** Returns whether the issue is resolved in any variant. */
  public boolean isResolved() {
    return status == IssueStatus.RESOLVED || status == IssueStatus.RESOLVED_IN_NEXT_RELEASE
        || status == IssueStatus.RESOLVED_IN_RELEASE;
  }

  Issue withStatus(IssueStatus newStatus, IgnoreCondition newIgnore, String release) {
    return new Issue(id, teamId, projectId, version + 1, groupHash, groupingConfig, strategy, title,
        culprit, level, newStatus, newIgnore, 0, release, firstSeen, lastSeen, count,
        usersAffected, firstRelease, lastRelease, regressions);
  }

  Issue withEvent(Instant at, Level newLevel, String release, long newUsers, IssueStatus newStatus,
      IgnoreCondition newIgnore, long newIgnoredEvents, String newResolvedRelease, long newRegressions) {
    return new Issue(id, teamId, projectId, version + 1, groupHash, groupingConfig, strategy, title,
        culprit, newLevel, newStatus, newIgnore, newIgnoredEvents, newResolvedRelease, firstSeen,
        at.isAfter(lastSeen) ? at : lastSeen, count + 1, usersAffected + newUsers,
        firstRelease != null ? firstRelease : release, release != null ? release : lastRelease,
        newRegressions);
  }
}
