package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.grouping.GroupingStrategy;
import dev.obskit.errors.issue.IgnoreCondition;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueId;
import dev.obskit.errors.issue.IssueRepository;
import dev.obskit.errors.issue.IssueStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link IssueRepository}, run on memory, H2 and PostgreSQL. */
abstract class IssueRepositoryContract extends ContractBase {
  static final ProjectId PROJECT = ProjectId.of("42");
  static final Instant T0 = Instant.parse("2026-11-22T04:00:00.000001Z");
  IssueRepository repo;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(IssueRepository.class, IssueRepository::inMemory);
    team = freshTeam();
  }

  Issue issue(TeamId t, String id, String hash, Instant lastSeen) {
    return new IssueFixture().issue(t, id, hash, lastSeen);
  }

  /** Builds issues for the tests of other classes too. */
  static final class IssueFixture {
    Issue issue(TeamId t, String id, String hash, Instant lastSeen) {
      return new Issue(IssueId.of(id), t, PROJECT, 1, hash, "v1", GroupingStrategy.APP_STACKTRACE,
        "E: x", "a in b", Level.ERROR, IssueStatus.UNRESOLVED, null, 0, null, T0, lastSeen, 1, 0,
        null, null, 0);
    }
  }

  static Issue next(Issue i, IssueStatus status, IgnoreCondition ignore) {
    return new Issue(i.id(), i.teamId(), i.projectId(), i.version() + 1, i.groupHash(),
        i.groupingConfig(), i.strategy(), i.title(), i.culprit(), i.level(), status, ignore,
        i.ignoredEvents(), "shop@2", i.firstSeen(), i.lastSeen(), i.count() + 1,
        i.usersAffected(), "shop@1", "shop@2", i.regressions());
  }

  @Test
  void insertFindUpdate_roundTripsEveryField() {
    Issue stored = repo.insert(issue(team, "i1", "h1", T0), List.of("h1", "s1", "s2"));
    Issue ignored = repo.update(next(stored, IssueStatus.IGNORED,
        new IgnoreCondition(IgnoreCondition.Kind.UNTIL_TIME, 0, T0.plusSeconds(3600))));

    assertThat(repo.find(team, IssueId.of("i1"))).contains(ignored);
    assertThat(repo.findByHash(team, PROJECT, "s2")).contains(ignored);
    assertThat(repo.hashes(team, IssueId.of("i1"))).containsExactly("h1", "s1", "s2");
  }

  @Test
  void insert_whenAnyHashBelongsToAnotherIssue_throwsAndStoresNothing() {
    repo.insert(issue(team, "i1", "h1", T0), List.of("s1"));

    assertThatThrownBy(() -> repo.insert(issue(team, "i2", "h2", T0), List.of("h2", "s1")))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(repo.find(team, IssueId.of("i2"))).isEmpty();
    assertThat(repo.findByHash(team, PROJECT, "h2")).isEmpty();
  }

  @Test
  void linkHash_linksOnce_andNeverStealsAnotherIssuesHash() {
    repo.insert(issue(team, "i1", "h1", T0), List.of());
    repo.insert(issue(team, "i2", "h2", T0), List.of());

    assertThat(repo.linkHash(team, PROJECT, IssueId.of("i1"), "x")).isTrue();
    assertThat(repo.linkHash(team, PROJECT, IssueId.of("i1"), "x")).isFalse();
    assertThat(repo.linkHash(team, PROJECT, IssueId.of("i2"), "x")).isFalse();
    assertThat(repo.linkHash(team, PROJECT, IssueId.of("nope"), "y")).isFalse();
    assertThat(repo.hashes(team, IssueId.of("i1"))).containsExactly("h1", "x");
  }

  @Test
  void update_withStaleVersion_throws() {
    Issue stored = repo.insert(issue(team, "i1", "h1", T0), List.of());
    repo.update(next(stored, IssueStatus.RESOLVED, null));

    assertThatThrownBy(() -> repo.update(next(stored, IssueStatus.IGNORED, null)))
        .isInstanceOf(StaleVersionException.class);
    assertThat(repo.find(team, IssueId.of("i1")).orElseThrow().status()).isEqualTo(IssueStatus.RESOLVED);
  }

  @Test
  void teamIsolation_otherTeamSeesNothingAndCannotChangeIt() {
    repo.insert(issue(team, "i1", "h1", T0), List.of());
    TeamId other = freshTeam();

    assertThat(repo.find(other, IssueId.of("i1"))).isEmpty();
    assertThat(repo.findByHash(other, PROJECT, "h1")).isEmpty();
    assertThat(repo.hashes(other, IssueId.of("i1"))).isEmpty();
    assertThat(repo.list(other, i -> true, PageRequest.first()).total()).isZero();
    assertThatThrownBy(() -> repo.update(next(issue(other, "i1", "h1", T0), IssueStatus.IGNORED, null)))
        .isInstanceOf(StaleVersionException.class);
    // the same hash in another team is another issue
    repo.insert(issue(other, "i1", "h1", T0), List.of());
    assertThat(repo.find(team, IssueId.of("i1")).orElseThrow().teamId()).isEqualTo(team);
  }

  @Test
  void list_pagesMostRecentlySeenFirst_withFilter() {
    for (int i = 0; i < 5; i++) {
      repo.insert(issue(team, "i" + i, "h" + i, T0.plusSeconds(i)), List.of());
    }

    Page<Issue> first = repo.list(team, i -> true, PageRequest.first(2));
    Page<Issue> odd = repo.list(team, i -> i.id().value().matches("i[13]"), PageRequest.first(10));

    assertThat(first.items()).extracting(i -> i.id().value()).containsExactly("i4", "i3");
    assertThat(first.total()).isEqualTo(5);
    assertThat(repo.list(team, i -> true, new PageRequest(4, 2)).items())
        .extracting(i -> i.id().value()).containsExactly("i0");
    assertThat(odd.items()).extracting(i -> i.id().value()).containsExactly("i3", "i1");
  }

  @Test
  void recordUser_isNewOnlyOncePerIssue() {
    repo.insert(issue(team, "i1", "h1", T0), List.of());

    assertThat(repo.recordUser(team, IssueId.of("i1"), "u:1")).isTrue();
    assertThat(repo.recordUser(team, IssueId.of("i1"), "u:1")).isFalse();
    assertThat(repo.recordUser(team, IssueId.of("i1"), "u:2")).isTrue();
  }
}
