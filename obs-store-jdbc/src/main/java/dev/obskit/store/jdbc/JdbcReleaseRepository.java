package dev.obskit.store.jdbc;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.release.Release;
import dev.obskit.errors.release.ReleaseRepository;
import java.util.List;
import java.util.Optional;

/** Releases in {@code err_release}, unique per team, project and release name. Thread-safe. */
final class JdbcReleaseRepository implements ReleaseRepository {
  private final AggregateTable<Release> releases;

  JdbcReleaseRepository(Db db) {
    this.releases = new AggregateTable<>(db, "err_release", Release.class, AggregateTable.columns(
        new AggregateTable.Column<>("project_id", r -> r.projectId().value()),
        new AggregateTable.Column<>("rel_name", Release::release),
        new AggregateTable.Column<>("first_seen", r -> Times.nanos(r.firstSeen()))));
  }

  @Override
  public Release insert(Release release) {
    return releases.insert(release);
  }

  @Override
  public Release update(Release release) {
    return releases.update(release);
  }

  @Override
  public Optional<Release> find(TeamId teamId, ProjectId projectId, String release) {
    List<Release> found = releases.select("team_id = ? AND project_id = ? AND rel_name = ?", ps -> {
      ps.setString(1, teamId.value());
      ps.setString(2, projectId.value());
      ps.setString(3, release);
    }, "id");
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<Release> list(TeamId teamId, ProjectId projectId) {
    return releases.select("team_id = ? AND project_id = ?", ps -> {
      ps.setString(1, teamId.value());
      ps.setString(2, projectId.value());
    }, "first_seen, id");
  }
}
