package dev.obskit.errors.issue;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.InMemoryAggregateStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EventRepository} on core's {@link InMemoryAggregateStore}, evicting the oldest event of
 * an issue beyond {@code perIssue}, so memory stays bounded by issues x perIssue. Thread-safe.
 */
final class InMemoryEventRepository implements EventRepository {
  private final InMemoryAggregateStore<EventId, StoredEvent> store = new InMemoryAggregateStore<>();
  private final ConcurrentHashMap<IssueId, ArrayDeque<StoredEvent>> byIssue = new ConcurrentHashMap<>();
  private final int perIssue;

  InMemoryEventRepository(int perIssue) {
    this.perIssue = Checks.positive("perIssue", perIssue);
  }

  @Override
  public boolean save(StoredEvent event) {
    try {
      store.insert(event);
    } catch (DuplicateKeyException e) {
      return false;
    }
    ArrayDeque<StoredEvent> ring = byIssue.computeIfAbsent(event.issueId(), k -> new ArrayDeque<>());
    StoredEvent evicted = null;
    synchronized (ring) {
      ring.addLast(event);
      if (ring.size() > perIssue) {
        evicted = ring.removeFirst();
      }
    }
    if (evicted != null) {
      store.delete(evicted.teamId(), evicted.id());
    }
    return true;
  }

  @Override
  public Optional<StoredEvent> find(TeamId teamId, EventId id) {
    return store.find(teamId, id);
  }

  @Override
  public List<StoredEvent> latest(TeamId teamId, IssueId issueId, int limit) {
    ArrayDeque<StoredEvent> ring = byIssue.get(issueId);
    List<StoredEvent> out = new ArrayList<>();
    if (ring == null) {
      return out;
    }
    synchronized (ring) {
      Iterator<StoredEvent> it = ring.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        StoredEvent e = it.next();
        if (e.teamId().equals(teamId)) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
