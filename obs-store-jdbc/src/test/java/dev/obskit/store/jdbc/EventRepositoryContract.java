package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.EventJson;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.issue.EventId;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.IssueId;
import dev.obskit.errors.issue.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventRepository}, run on memory, H2 and PostgreSQL. The JDBC store keeps
 * {@link JdbcStore#DEFAULT_EVENTS_PER_ISSUE} events per issue; memory is given the same bound.
 */
abstract class EventRepositoryContract extends ContractBase {
  static final ProjectId PROJECT = ProjectId.of("7");
  static final Instant T0 = Instant.parse("2026-11-22T04:00:00Z");
  EventRepository repo;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(EventRepository.class,
        () -> EventRepository.inMemory(JdbcStore.DEFAULT_EVENTS_PER_ISSUE));
    team = freshTeam();
  }

  StoredEvent event(TeamId t, String id, String issue, int n) {
    ErrorEvent e = ErrorEvent.builder().eventId(String.format("%032x", n)).timestamp(T0.plusSeconds(n))
        .level(Level.ERROR).release("shop@" + n).environment("prod").tag("route", "/pay")
        .breadcrumbs(List.of(new Breadcrumb(T0, "http", "net", "GET /", Level.INFO, Map.of("s", "200"))))
        .exceptions(List.of(new ExceptionValue("E", "boom " + n, "com.a", List.of(
            StackFrame.java("com.a.B", "c", "B.java", 3, true)), "generic", false, Boolean.FALSE)))
        .context("os", Map.of("name", "Linux")).build();
    return new StoredEvent(new EventId(id), t, 1, PROJECT, IssueId.of(issue), T0.plusSeconds(n), e);
  }

  @Test
  void save_thenFind_roundTripsThePayload_andRefusesTheSameIdTwice() {
    StoredEvent e = event(team, "e1", "i1", 1);

    assertThat(repo.save(e)).isTrue();
    assertThat(repo.save(e)).isFalse();
    StoredEvent back = repo.find(team, new EventId("e1")).orElseThrow();
    assertThat(back.issueId()).isEqualTo(e.issueId());
    assertThat(back.receivedAt()).isEqualTo(e.receivedAt());
    assertThat(EventJson.write(back.event())).isEqualTo(EventJson.write(e.event()));
  }

  @Test
  void latest_isNewestFirst_limited_andKeepsOnlyTheBoundPerIssue() {
    int bound = JdbcStore.DEFAULT_EVENTS_PER_ISSUE;
    for (int i = 0; i < bound + 5; i++) {
      repo.save(event(team, "e" + i, "i1", i));
    }
    repo.save(event(team, "other", "i2", 1));

    assertThat(repo.latest(team, IssueId.of("i1"), 3)).extracting(s -> s.id().value())
        .containsExactly("e" + (bound + 4), "e" + (bound + 3), "e" + (bound + 2));
    assertThat(repo.latest(team, IssueId.of("i1"), 10_000)).hasSize(bound);
    assertThat(repo.find(team, new EventId("e4"))).isEmpty();
    assertThat(repo.find(team, new EventId("e5"))).isPresent();
    assertThat(repo.latest(team, IssueId.of("i2"), 10)).hasSize(1);
  }

  @Test
  void teamIsolation_otherTeamSeesNoEvents() {
    repo.save(event(team, "e1", "i1", 1));
    TeamId other = freshTeam();

    assertThat(repo.find(other, new EventId("e1"))).isEmpty();
    assertThat(repo.latest(other, IssueId.of("i1"), 10)).isEmpty();
    assertThat(repo.save(event(other, "e1", "i1", 1))).isTrue();
  }
}
