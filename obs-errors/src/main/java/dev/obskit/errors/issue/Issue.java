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
 * @param assignee who owns it, {@code user:<id>} or {@code team:<id>}, or null
 * @param mergedInto the issue this one was merged into (its new events count there), or null
 */
public record Issue(IssueId id, TeamId teamId, ProjectId projectId, long version, String groupHash,
    String groupingConfig, GroupingStrategy strategy, String title, String culprit, Level level,
    IssueStatus status, IgnoreCondition ignore, long ignoredEvents, String resolvedRelease,
    Instant firstSeen, Instant lastSeen, long count, long usersAffected, String firstRelease,
    String lastRelease, long regressions, String assignee, IssueId mergedInto)
    implements Aggregate<IssueId> {

  /** An issue without assignee that is not merged. */
  public Issue(IssueId id, TeamId teamId, ProjectId projectId, long version, String groupHash,
      String groupingConfig, GroupingStrategy strategy, String title, String culprit, Level level,
      IssueStatus status, IgnoreCondition ignore, long ignoredEvents, String resolvedRelease,
      Instant firstSeen, Instant lastSeen, long count, long usersAffected, String firstRelease,
      String lastRelease, long regressions) {
    this(id, teamId, projectId, version, groupHash, groupingConfig, strategy, title, culprit, level,
        status, ignore, ignoredEvents, resolvedRelease, firstSeen, lastSeen, count, usersAffected,
        firstRelease, lastRelease, regressions, null, null);
  }

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
        usersAffected, firstRelease, lastRelease, regressions, assignee, mergedInto);
  }

  Issue withAssignee(String newAssignee) {
    return new Issue(id, teamId, projectId, version + 1, groupHash, groupingConfig, strategy, title,
        culprit, level, status, ignore, ignoredEvents, resolvedRelease, firstSeen, lastSeen, count,
        usersAffected, firstRelease, lastRelease, regressions, newAssignee, mergedInto);
  }

  /** This issue merged into {@code target} (null: unmerged). */
  Issue withMergedInto(IssueId target) {
    return new Issue(id, teamId, projectId, version + 1, groupHash, groupingConfig, strategy, title,
        culprit, level, status, ignore, ignoredEvents, resolvedRelease, firstSeen, lastSeen, count,
        usersAffected, firstRelease, lastRelease, regressions, assignee, target);
  }

  /** The merge target gaining (or, on unmerge, losing) another issue's events and span. */
  Issue withMerged(long events, long users, Instant otherFirst, Instant otherLast) {
    return new Issue(id, teamId, projectId, version + 1, groupHash, groupingConfig, strategy, title,
        culprit, level, status, ignore, ignoredEvents, resolvedRelease,
        otherFirst != null && otherFirst.isBefore(firstSeen) ? otherFirst : firstSeen,
        otherLast != null && otherLast.isAfter(lastSeen) ? otherLast : lastSeen,
        Math.max(0, count + events), Math.max(0, usersAffected + users), firstRelease, lastRelease,
        regressions, assignee, mergedInto);
  }

  Issue withEvent(Instant at, Level newLevel, String release, long newUsers, IssueStatus newStatus,
      IgnoreCondition newIgnore, long newIgnoredEvents, String newResolvedRelease, long newRegressions) {
    return new Issue(id, teamId, projectId, version + 1, groupHash, groupingConfig, strategy, title,
        culprit, newLevel, newStatus, newIgnore, newIgnoredEvents, newResolvedRelease, firstSeen,
        at.isAfter(lastSeen) ? at : lastSeen, count + 1, usersAffected + newUsers,
        firstRelease != null ? firstRelease : release, release != null ? release : lastRelease,
        newRegressions, assignee, mergedInto);
  }
}
