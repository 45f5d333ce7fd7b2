package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.IncidentRepository;
import dev.obskit.incidents.incident.IncidentRole;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.store.InMemoryIncidentRepository;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link IncidentRepository}, run on memory, H2 and PostgreSQL. */
abstract class IncidentRepositoryContract extends ContractBase {
  final ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00.123456789Z");
  IncidentRepository repo;
  IncidentService service;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(IncidentRepository.class, InMemoryIncidentRepository::new);
    service = new IncidentService(repo, clock, IdGenerator.timeOrdered(clock), EventBus.synchronous());
    team = freshTeam();
  }

  Incident open(TeamId t, String dedupKey) {
    return service.openOrMerge(new IncidentDraft(t, "db down", Severity.SEV1, null, null,
        dedupKey, "uptime", java.util.Map.of("source", "uptime/db"))).incident().orElseThrow();
  }

  @Test
  void lifecycle_roundTripsEveryFieldAndTheWholeTimeline() {
    Incident opened = open(team, "db:down");
    clock.advance(Duration.ofMinutes(3));
    service.acknowledge(team, opened.id(), "user:alice");
    service.assignRole(team, opened.id(), IncidentRole.COMMANDER, UserId.of("alice"), "user:alice");
    service.addNote(team, opened.id(), "user:alice", "restarting primary, \"quoted\" ünïcode");
    clock.advance(Duration.ofMinutes(7));
    Incident resolved = service.resolve(team, opened.id(), "user:alice", "fixed").incident()
        .orElseThrow();

    Incident stored = repo.find(team, opened.id()).orElseThrow();

    assertThat(stored).isEqualTo(resolved);
    assertThat(stored.timeline()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(stored.timeToResolve()).contains(Duration.ofMinutes(10));
    assertThat(stored.createdAt()).isEqualTo(opened.createdAt());
  }

  @Test
  void update_withStaleVersion_throwsAndChangesNothing() {
    Incident opened = open(team, "k1");
    Incident acked = service.acknowledge(team, opened.id(), "user:a").incident().orElseThrow();
    Incident staleNext = new Incident(opened.id(), team, opened.version() + 1, "changed",
        opened.severity(), opened.status(), null, opened.dedupKey(), opened.createdAt(), null, null,
        null, null, null, 1, opened.escalation(), List.of(), opened.timeline());

    assertThatThrownBy(() -> repo.update(staleNext)).isInstanceOf(StaleVersionException.class);
    assertThat(repo.find(team, opened.id()).orElseThrow()).isEqualTo(acked);
  }

  @Test
  void insert_secondOpenIncidentForSameDedupKey_isRefused_butAfterResolveAllowed() {
    Incident first = open(team, "dup");
    Incident twin = new Incident(IncidentId.of("twin-" + first.id().value()), team, 1, "twin",
        Severity.SEV2, IncidentStatus.TRIGGERED, null, "dup", clock.instant(), null, null, null, null,
        null, 1, first.escalation(), List.of(), List.of());

    assertThatThrownBy(() -> repo.insert(twin)).isInstanceOf(DuplicateKeyException.class);
    service.resolve(team, first.id(), "user:a", "done");
    repo.insert(twin);
    assertThat(repo.findOpenByDedupKey(team, "dup")).map(Incident::id).contains(twin.id());
  }

  @Test
  void teamIsolation_otherTeamNeverSeesOrChangesRows() {
    Incident mine = open(team, "iso");
    TeamId other = freshTeam();

    assertThat(repo.find(other, mine.id())).isEmpty();
    assertThat(repo.findOpenByDedupKey(other, "iso")).isEmpty();
    assertThat(repo.listAll(other, IncidentQuery.all())).isEmpty();
    Incident hijack = new Incident(mine.id(), other, 2, "hijack", mine.severity(), mine.status(),
        null, mine.dedupKey(), mine.createdAt(), null, null, null, null, null, 1, mine.escalation(),
        List.of(), mine.timeline());
    assertThatThrownBy(() -> repo.update(hijack)).isInstanceOf(StaleVersionException.class);
    assertThat(repo.find(team, mine.id()).orElseThrow().title()).isEqualTo("db down");
  }

  @Test
  void list_pagesNewestFirst_andFiltersByStatusAndTime() {
    for (int i = 0; i < 7; i++) {
      open(team, "page-" + i);
      clock.advance(Duration.ofMinutes(1));
    }
    List<Incident> oldestFirst = repo.listAll(team, IncidentQuery.all());
    service.resolve(team, oldestFirst.get(0).id(), "user:a", "done");

    Page<Incident> first = repo.list(team, IncidentQuery.all(), PageRequest.first(3));
    Page<Incident> third = repo.list(team, IncidentQuery.all(), new PageRequest(6, 3));

    assertThat(first.total()).isEqualTo(7);
    assertThat(first.items()).extracting(Incident::dedupKey).containsExactly("page-6", "page-5", "page-4");
    assertThat(third.items()).extracting(Incident::dedupKey).containsExactly("page-0");
    assertThat(third.hasNext()).isFalse();
    assertThat(repo.listAll(team, new IncidentQuery(Set.of(IncidentStatus.RESOLVED), null, null, null)))
        .extracting(Incident::dedupKey).containsExactly("page-0");
    assertThat(repo.listAll(team, IncidentQuery.createdBetween(oldestFirst.get(2).createdAt(),
        oldestFirst.get(4).createdAt()))).extracting(Incident::dedupKey)
        .containsExactly("page-2", "page-3");
    assertThat(repo.listOpen()).filteredOn(i -> i.teamId().equals(team)).hasSize(6);
  }
}
