package dev.obskit.errors.issue;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Stores issues, team-scoped and optimistically versioned (see {@link
 * dev.obskit.core.store.Versioned}); a JDBC implementation maps the group hash to a unique index on
 * {@code (team_id, project_id, group_hash)}. Implementations are thread-safe.
 */
public interface IssueRepository {
  /**
   * Inserts a new issue; throws {@link dev.obskit.core.store.DuplicateKeyException} if another
   * issue of the project already has the same group hash.
   */
  Issue insert(Issue issue);

  /** Stores the next snapshot; throws {@link dev.obskit.core.store.StaleVersionException}. */
  Issue update(Issue issue);

  /** Returns the issue by id. */
  Optional<Issue> find(TeamId teamId, IssueId id);

  /** Returns the issue of the project with that group hash. */
  Optional<Issue> findByHash(TeamId teamId, ProjectId projectId, String groupHash);

  /** Returns the team's issues that match, most recently seen first. */
  Page<Issue> list(TeamId teamId, Predicate<? super Issue> filter, PageRequest page);

  /**
   * Records that {@code userKey} was affected by the issue; returns whether the user is new to
   * it. Implementations may stop tracking individual users beyond a documented bound.
   */
  boolean recordUser(TeamId teamId, IssueId id, String userKey);

  /** Returns an in-memory repository. */
  static IssueRepository inMemory() {
    return new InMemoryIssueRepository();
  }
}
