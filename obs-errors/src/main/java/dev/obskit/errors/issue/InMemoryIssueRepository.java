package dev.obskit.errors.issue;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.InMemoryAggregateStore;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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
  /** Per issue, its linked hashes in link order; the list's monitor guards it and the bound. */
  private final ConcurrentHashMap<IssueId, List<String>> hashesByIssue = new ConcurrentHashMap<>();

  @Override
  public Issue insert(Issue issue, List<String> hashes) {
    List<String> all = new ArrayList<>(hashes.size() + 1);
    all.add(issue.groupHash());
    for (String h : hashes) {
      if (!all.contains(h) && all.size() < MAX_HASHES_PER_ISSUE) {
        all.add(Objects.requireNonNull(h, "hash"));
      }
    }
    List<HashKey> claimed = new ArrayList<>(all.size());
    try {
      for (String h : all) {
        HashKey key = new HashKey(issue.teamId(), issue.projectId(), h);
        IssueId previous = byHash.putIfAbsent(key, issue.id());
        if (previous != null) {
          throw new DuplicateKeyException(issue.teamId() + "/" + issue.projectId() + "/" + h
              + " is linked to issue " + previous);
        }
        claimed.add(key);
      }
      hashesByIssue.put(issue.id(), new ArrayList<>(all));
      return store.insert(issue);
    } catch (RuntimeException e) {
      claimed.forEach(k -> byHash.remove(k, issue.id()));
      hashesByIssue.remove(issue.id());
      throw e;
    }
  }

  @Override
  public boolean linkHash(TeamId teamId, ProjectId projectId, IssueId id, String hash) {
    Objects.requireNonNull(hash, "hash");
    List<String> linked = hashesByIssue.get(id);
    if (linked == null || store.find(teamId, id).isEmpty()) {
      return false;
    }
    synchronized (linked) {
      if (linked.size() >= MAX_HASHES_PER_ISSUE
          || byHash.putIfAbsent(new HashKey(teamId, projectId, hash), id) != null) {
        return false;
      }
      linked.add(hash);
      return true;
    }
  }

  @Override
  public List<String> hashes(TeamId teamId, IssueId id) {
    List<String> linked = hashesByIssue.get(id);
    if (linked == null || store.find(teamId, id).isEmpty()) {
      return List.of();
    }
    synchronized (linked) {
      return List.copyOf(linked);
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
