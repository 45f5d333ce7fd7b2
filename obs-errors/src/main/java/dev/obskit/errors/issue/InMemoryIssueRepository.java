package dev.obskit.errors.issue;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.InMemoryAggregateStore;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** {@link IssueRepository} on core's {@link InMemoryAggregateStore}. Thread-safe. */
final class InMemoryIssueRepository implements IssueRepository {
  /** Distinct users tracked per issue; beyond it every user counts as new (an upper bound). */
  static final int MAX_TRACKED_USERS = 100_000;

  private record HashKey(TeamId team, ProjectId project, String hash) {}

  private final InMemoryAggregateStore<IssueId, Issue> store = new InMemoryAggregateStore<>();
  private final ConcurrentHashMap<HashKey, IssueId> byHash = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<IssueId, Set<String>> users = new ConcurrentHashMap<>();

  @Override
  public Issue insert(Issue issue) {
    HashKey key = new HashKey(issue.teamId(), issue.projectId(), issue.groupHash());
    IssueId previous = byHash.putIfAbsent(key, issue.id());
    if (previous != null) {
      throw new DuplicateKeyException(issue.teamId() + "/" + issue.projectId() + "/" + issue.groupHash());
    }
    try {
      return store.insert(issue);
    } catch (RuntimeException e) {
      byHash.remove(key, issue.id());
      throw e;
    }
  }

  @Override
  public Issue update(Issue issue) {
    return store.update(issue);
  }

  @Override
  public Optional<Issue> find(TeamId teamId, IssueId id) {
    return store.find(teamId, id);
  }

  @Override
  public Optional<Issue> findByHash(TeamId teamId, ProjectId projectId, String groupHash) {
    IssueId id = byHash.get(new HashKey(teamId, projectId, groupHash));
    return id == null ? Optional.empty() : store.find(teamId, id);
  }

  @Override
  public Page<Issue> list(TeamId teamId, Predicate<? super Issue> filter, PageRequest page) {
    return store.list(teamId, filter,
        Comparator.comparing(Issue::lastSeen).reversed().thenComparing(i -> i.id().value()), page);
  }

  @Override
  public boolean recordUser(TeamId teamId, IssueId id, String userKey) {
    Set<String> seen = users.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
    if (seen.size() >= MAX_TRACKED_USERS) {
      return !seen.contains(userKey);
    }
    return seen.add(userKey);
  }
}
