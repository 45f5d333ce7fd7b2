package dev.obskit.incidents.store;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.InMemoryAggregateStore;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.IncidentRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link IncidentRepository}, on core's {@link InMemoryAggregateStore}. Thread-safe.
 *
 * <p>The open-dedup-key index is claimed before a row is written and released after it is closed,
 * so two threads opening an incident for the same key never both succeed. An update that resolves
 * releases the key; one that re-opens claims it again or fails with {@link DuplicateKeyException}.
 */
public final class InMemoryIncidentRepository implements IncidentRepository {
  private final InMemoryAggregateStore<IncidentId, Incident> store = new InMemoryAggregateStore<>();
  private final ConcurrentHashMap<DedupKey, IncidentId> openByDedupKey = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<IncidentId, TeamId> openIds = new ConcurrentHashMap<>();

  @Override
  public Incident insert(Incident incident) {
    DedupKey key = dedupKey(incident);
    if (key != null && incident.status().isOpen()
        && openByDedupKey.putIfAbsent(key, incident.id()) != null) {
      throw new DuplicateKeyException("open incident for dedup key " + key);
    }
    try {
      store.insert(incident);
    } catch (RuntimeException e) {
      if (key != null) {
        openByDedupKey.remove(key, incident.id());
      }
      throw e;
    }
    trackOpen(incident);
    return incident;
  }

  @Override
  public Incident update(Incident next) {
    DedupKey key = dedupKey(next);
    boolean claimed = false;
    if (key != null && next.status().isOpen()) {
      IncidentId holder = openByDedupKey.putIfAbsent(key, next.id());
      if (holder != null && !holder.equals(next.id())) {
        throw new DuplicateKeyException("open incident for dedup key " + key);
      }
      claimed = holder == null;
    }
    try {
      store.update(next);
    } catch (RuntimeException e) {
      if (claimed) {
        openByDedupKey.remove(key, next.id());
      }
      throw e;
    }
    reconcile(next);
    return next;
  }

  @Override
  public Optional<Incident> find(TeamId teamId, IncidentId id) {
    return store.find(teamId, id);
  }

  @Override
  public Optional<Incident> findOpenByDedupKey(TeamId teamId, String dedupKey) {
    IncidentId id = openByDedupKey.get(new DedupKey(teamId, dedupKey));
    return id == null ? Optional.empty()
        : store.find(teamId, id).filter(i -> i.status().isOpen());
  }

  @Override
  public List<Incident> listOpen() {
    List<Incident> open = new ArrayList<>();
    openIds.forEach((id, team) -> store.find(team, id).filter(i -> i.status().isOpen())
        .ifPresent(open::add));
    open.sort(Comparator.comparing(Incident::createdAt));
    return open;
  }

  @Override
  public Page<Incident> list(TeamId teamId, IncidentQuery query, PageRequest page) {
    return store.list(teamId, query::matches,
        Comparator.comparing(Incident::createdAt).reversed().thenComparing(i -> i.id().value()),
        page);
  }

  @Override
  public List<Incident> listAll(TeamId teamId, IncidentQuery query) {
    List<Incident> all = store.listAll(teamId, query::matches);
    all.sort(Comparator.comparing(Incident::createdAt).thenComparing(i -> i.id().value()));
    return all;
  }

  private void trackOpen(Incident incident) {
    if (incident.status().isOpen()) {
      openIds.put(incident.id(), incident.teamId());
    } else {
      openIds.remove(incident.id());
    }
  }

  /**
   * Brings both indexes in line with the latest stored version, not with the caller's snapshot: a
   * resolve racing a re-open must not leave the re-opened incident out of the indexes.
   */
  private void reconcile(Incident written) {
    Incident latest = store.find(written.teamId(), written.id()).orElse(written);
    DedupKey key = dedupKey(latest);
    if (key != null && !latest.status().isOpen()) {
      openByDedupKey.remove(key, latest.id());
    }
    trackOpen(latest);
  }

  private static DedupKey dedupKey(Incident incident) {
    return incident.dedupKey().isEmpty() ? null : new DedupKey(incident.teamId(), incident.dedupKey());
  }

  private record DedupKey(TeamId teamId, String key) {}
}
