package dev.obskit.errors.transaction;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.InMemoryAggregateStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * {@link TransactionRepository} on core's {@link InMemoryAggregateStore}, with one ring per
 * project that evicts the oldest transaction beyond {@code perProject}, so memory stays bounded by
 * projects x perProject. Queries scan a project's ring newest first (at most {@code perProject}
 * entries). Thread-safe.
 */
final class InMemoryTransactionRepository implements TransactionRepository {
  private record ProjectKey(TeamId team, ProjectId project) {}

  private final InMemoryAggregateStore<TransactionId, StoredTransaction> store =
      new InMemoryAggregateStore<>();
  private final ConcurrentHashMap<ProjectKey, ArrayDeque<StoredTransaction>> byProject =
      new ConcurrentHashMap<>();
  private final int perProject;

  InMemoryTransactionRepository(int perProject) {
    this.perProject = Checks.positive("perProject", perProject);
  }

  @Override
  public boolean save(StoredTransaction transaction) {
    Objects.requireNonNull(transaction, "transaction");
    try {
      store.insert(transaction);
    } catch (DuplicateKeyException e) {
      return false;
    }
    ArrayDeque<StoredTransaction> ring = byProject.computeIfAbsent(
        new ProjectKey(transaction.teamId(), transaction.projectId()), k -> new ArrayDeque<>());
    StoredTransaction evicted = null;
    synchronized (ring) {
      ring.addLast(transaction);
      if (ring.size() > perProject) {
        evicted = ring.removeFirst();
      }
    }
    if (evicted != null) {
      store.delete(evicted.teamId(), evicted.id());
    }
    return true;
  }

  @Override
  public Optional<StoredTransaction> find(TeamId teamId, TransactionId id) {
    return store.find(teamId, id);
  }

  @Override
  public List<StoredTransaction> byName(TeamId teamId, ProjectId projectId, String name, int limit) {
    Objects.requireNonNull(name, "name");
    return scan(teamId, projectId, t -> name.equals(t.transaction().name()), limit);
  }

  @Override
  public List<StoredTransaction> byTrace(TeamId teamId, ProjectId projectId, String traceId, int limit) {
    Objects.requireNonNull(traceId, "traceId");
    return scan(teamId, projectId, t -> traceId.equals(t.transaction().traceId()), limit);
  }

  @Override
  public List<StoredTransaction> latest(TeamId teamId, ProjectId projectId, int limit) {
    return scan(teamId, projectId, t -> true, limit);
  }

  private List<StoredTransaction> scan(TeamId teamId, ProjectId projectId,
      Predicate<StoredTransaction> filter, int limit) {
    Checks.notNegative("limit", limit);
    List<StoredTransaction> out = new ArrayList<>();
    ArrayDeque<StoredTransaction> ring = byProject.get(new ProjectKey(
        Objects.requireNonNull(teamId, "teamId"), Objects.requireNonNull(projectId, "projectId")));
    if (ring == null) {
      return out;
    }
    synchronized (ring) {
      Iterator<StoredTransaction> it = ring.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        StoredTransaction t = it.next();
        if (filter.test(t)) {
          out.add(t);
        }
      }
    }
    return out;
  }
}
