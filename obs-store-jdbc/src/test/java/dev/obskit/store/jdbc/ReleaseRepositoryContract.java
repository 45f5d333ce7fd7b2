package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.errors.release.Release;
import dev.obskit.errors.release.ReleaseId;
import dev.obskit.errors.release.ReleaseRepository;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ReleaseRepository}, run on memory, H2 and PostgreSQL. */
abstract class ReleaseRepositoryContract extends ContractBase {
  static final ProjectId PROJECT = ProjectId.of("7");
  static final Instant T0 = Instant.parse("2026-11-22T04:00:00Z");
  ReleaseRepository repo;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(ReleaseRepository.class, ReleaseRepository::inMemory);
    team = freshTeam();
  }

  Release release(TeamId t, String id, String name, Instant at) {
    return new Release(new ReleaseId(id), t, PROJECT, 1, name, at, at, 1, 0, 0, 0, 0);
  }

  static Release bump(Release r) {
    return new Release(r.id(), r.teamId(), r.projectId(), r.version() + 1, r.release(), r.firstSeen(),
        r.lastSeen().plusSeconds(5), r.eventCount() + 1, r.newIssues() + 1, r.resolvedIssues(),
        r.sessions() + 10, r.crashedSessions() + 1);
  }

  @Test
  void insertUpdateFind_roundTrip_andListOldestFirst() {
    Release b = repo.insert(release(team, "r2", "shop@2", T0.plusSeconds(60)));
    repo.insert(release(team, "r1", "shop@1", T0));
    Release b2 = repo.update(bump(b));

    assertThat(repo.find(team, PROJECT, "shop@2")).contains(b2);
    assertThat(repo.list(team, PROJECT)).extracting(Release::release).containsExactly("shop@1", "shop@2");
  }

  @Test
  void insert_sameReleaseNameTwice_isDuplicate() {
    repo.insert(release(team, "r1", "shop@1", T0));

    assertThatThrownBy(() -> repo.insert(release(team, "r9", "shop@1", T0)))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void update_stale_throws_andTeamsAreIsolated() {
    Release a = repo.insert(release(team, "r1", "shop@1", T0));
    repo.update(bump(a));
    TeamId other = freshTeam();

    assertThatThrownBy(() -> repo.update(bump(a))).isInstanceOf(StaleVersionException.class);
    assertThat(repo.find(other, PROJECT, "shop@1")).isEmpty();
    assertThat(repo.list(other, PROJECT)).isEmpty();
  }
}
