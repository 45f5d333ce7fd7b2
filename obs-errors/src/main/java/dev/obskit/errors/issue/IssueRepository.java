package dev.obskit.errors.issue;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Stores issues, team-scoped and optimistically versioned (see {@link
 * dev.obskit.core.store.Versioned}), and the grouping hashes linked to each: an issue is found by
 * any hash it was seen with, and a hash belongs to at most one issue of a project. A JDBC
 * implementation keeps the links in a table with a unique index on {@code (team_id, project_id,
 * hash)}. Implementations are thread-safe.
 */
public interface IssueRepository {
  /** Most hashes linked to one issue by the in-memory implementation; later ones are not linked. */
  int MAX_HASHES_PER_ISSUE = 256;

  /**
   * Inserts a new issue linked to its {@link Issue#groupHash()}; throws {@link
   * dev.obskit.core.store.DuplicateKeyException} if another issue of the project has that hash.
   */
  default Issue insert(Issue issue) {
    return insert(issue, List.of(issue.groupHash()));
  }

  /**
   * Inserts a new issue linked to {@code hashes} (its group hash is always linked). Atomic: if
   * another issue of the project already has one of them, throws {@link
   * dev.obskit.core.store.DuplicateKeyException} naming it and stores nothing.
   */
  Issue insert(Issue issue, List<String> hashes);

  /**
   * Links {@code hash} to the issue unless it is already linked (to this or another issue of the
   * project) or the issue has reached its bound of linked hashes; returns whether it was linked.
   */
  boolean linkHash(TeamId teamId, ProjectId projectId, IssueId id, String hash);

  /** Returns the hashes linked to the issue, in the order they were linked; empty if unknown. */
  List<String> hashes(TeamId teamId, IssueId id);

  /** Stores the next snapshot; throws {@link dev.obskit.core.store.StaleVersionException}. */
  Issue update(Issue issue);

  /** Returns the issue by id. */
  Optional<Issue> find(TeamId teamId, IssueId id);

  /** Returns the issue of the project linked to {@code groupHash} (any of its hashes). */
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
