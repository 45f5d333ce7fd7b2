package dev.obskit.errors.release;

import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.StaleVersionException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts per release: events, new issues, resolutions and sessions, and answers "which release is
 * newer" by first-seen order (the order releases are deployed in). Thread-safe; updates retry on
 * version conflicts.
 */
public final class ReleaseTracker {
  private final ReleaseRepository repository;
  private final IdGenerator ids;
  // Every event of a release updates one record; serialising per release avoids retry storms.
  private final Object[] stripes = new Object[32];

  /** Creates a tracker storing into {@code repository}. */
  public ReleaseTracker(ReleaseRepository repository, IdGenerator ids) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.ids = Objects.requireNonNull(ids, "ids");
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  /** Records one event of {@code release}. */
  public void recordEvent(TeamId team, ProjectId project, String release, Instant at) {
    change(team, project, release, at, 1, 0, 0, 0, 0);
  }

  /** Records that an issue was first seen in {@code release}. */
  public void recordNewIssue(TeamId team, ProjectId project, String release, Instant at) {
    change(team, project, release, at, 0, 1, 0, 0, 0);
  }

  /** Records that an issue was resolved in {@code release}. */
  public void recordResolution(TeamId team, ProjectId project, String release, Instant at) {
    change(team, project, release, at, 0, 0, 1, 0, 0);
  }

  /** Records session starts and crashes for {@code release}. */
  public void recordSessions(TeamId team, ProjectId project, String release, Instant at,
      long started, long crashed) {
    change(team, project, release, at, 0, 0, 0, started, crashed);
  }

  /** Returns the project's record of {@code release}. */
  public Optional<Release> find(TeamId team, ProjectId project, String release) {
    return repository.find(team, project, release);
  }

  /** Returns the project's releases, oldest first. */
  public List<Release> list(TeamId team, ProjectId project) {
    return repository.list(team, project);
  }

  /** Returns the most recently first-seen release of the project, if any. */
  public Optional<String> latest(TeamId team, ProjectId project) {
    List<Release> all = repository.list(team, project);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).release());
  }

  /**
   * Returns whether {@code candidate} was first seen after {@code reference}. An unknown candidate
   * is newer (it has not been seen yet); an unknown reference makes every known candidate newer.
   */
  public boolean isNewer(TeamId team, ProjectId project, String candidate, String reference) {
    if (candidate == null || candidate.equals(reference)) {
      return false;
    }
    Optional<Release> c = repository.find(team, project, candidate);
    Optional<Release> r = reference == null ? Optional.empty() : repository.find(team, project, reference);
    if (c.isEmpty() || r.isEmpty()) {
      return true;
    }
    int order = c.get().firstSeen().compareTo(r.get().firstSeen());
    return order > 0 || order == 0 && c.get().id().value().compareTo(r.get().id().value()) > 0;
  }

  private void change(TeamId team, ProjectId project, String release, Instant at, long events,
      long issues, long resolved, long sessions, long crashed) {
    if (release == null || release.isEmpty()) {
      return;
    }
    synchronized (stripes[Math.floorMod(release.hashCode(), stripes.length)]) {
      changeLocked(team, project, release, at, events, issues, resolved, sessions, crashed);
    }
  }

  private void changeLocked(TeamId team, ProjectId project, String release, Instant at, long events,
      long issues, long resolved, long sessions, long crashed) {
    for (int attempt = 0; attempt < 100; attempt++) {
      Optional<Release> current = repository.find(team, project, release);
      try {
        if (current.isEmpty()) {
          repository.insert(new Release(new ReleaseId(ids.next()), team, project, 1, release, at, at,
              events, issues, resolved, sessions, crashed));
        } else {
          repository.update(current.get().next(at, events, issues, resolved, sessions, crashed));
        }
        return;
      } catch (StaleVersionException | DuplicateKeyException e) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("release " + release + " kept changing under 100 attempts");
  }
}
