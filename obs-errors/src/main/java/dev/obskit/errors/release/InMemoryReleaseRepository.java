package dev.obskit.errors.release;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.InMemoryAggregateStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ReleaseRepository} on core's {@link InMemoryAggregateStore}. Thread-safe. */
final class InMemoryReleaseRepository implements ReleaseRepository {
  private record Key(TeamId team, ProjectId project, String release) {}

  private final InMemoryAggregateStore<ReleaseId, Release> store = new InMemoryAggregateStore<>();
  private final ConcurrentHashMap<Key, ReleaseId> byName = new ConcurrentHashMap<>();

  @Override
  public Release insert(Release release) {
    Key key = new Key(release.teamId(), release.projectId(), release.release());
    if (byName.putIfAbsent(key, release.id()) != null) {
      throw new DuplicateKeyException(release.teamId() + "/" + release.projectId() + "/" + release.release());
    }
    return store.insert(release);
  }

  @Override
  public Release update(Release release) {
    return store.update(release);
  }

  @Override
  public Optional<Release> find(TeamId teamId, ProjectId projectId, String release) {
    ReleaseId id = byName.get(new Key(teamId, projectId, release));
    return id == null ? Optional.empty() : store.find(teamId, id);
  }

  @Override
  public List<Release> list(TeamId teamId, ProjectId projectId) {
    List<Release> all = store.listAll(teamId, r -> r.projectId().equals(projectId));
    all.sort(Comparator.comparing(Release::firstSeen).thenComparing(r -> r.id().value()));
    return all;
  }
}
