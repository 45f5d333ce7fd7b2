package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.incidents.oncall.Frequency;
import dev.obskit.incidents.oncall.OverrideId;
import dev.obskit.incidents.oncall.Rotation;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleOverride;
import dev.obskit.incidents.oncall.ScheduleRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ScheduleRepository}, run on memory, H2 and PostgreSQL. */
abstract class ScheduleRepositoryContract extends ContractBase {
  ScheduleRepository repo;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(ScheduleRepository.class, ScheduleRepository::inMemory);
    team = freshTeam();
  }

  static Schedule schedule(TeamId t, String id) {
    Rotation daily = Rotation.builder().setZone("Europe/Berlin")
        .setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .addUsers(UserId.of("alice"), UserId.of("bob")).build();
    return Schedule.builder(t, ScheduleId.of(id)).setName("Primary " + id)
        .setZone(ZoneId.of("Europe/Berlin")).addLayer("L1", 1, daily)
        .addOverride(new ScheduleOverride(new OverrideId("o1"), Instant.parse("2026-03-20T09:00:00Z"),
            Instant.parse("2026-03-21T09:00:00Z"), List.of(UserId.of("carol")),
            ScheduleOverride.MANUAL))
        .build();
  }

  static Schedule next(Schedule s, String name) {
    return new Schedule(s.id(), s.teamId(), s.version() + 1, name, s.zone(), s.layers(),
        s.overrides(), s.coverRequests());
  }

  @Test
  void insertUpdateFind_roundTripsLayersAndOverrides() {
    Schedule s = repo.insert(schedule(team, "s1"));
    Schedule renamed = repo.update(next(s, "Renamed"));

    assertThat(repo.find(team, ScheduleId.of("s1"))).contains(renamed);
    assertThat(repo.find(team, ScheduleId.of("s1")).orElseThrow().overrides()).hasSize(1);
  }

  @Test
  void duplicateStaleAndDelete() {
    Schedule s = repo.insert(schedule(team, "s1"));
    repo.update(next(s, "x"));

    assertThatThrownBy(() -> repo.insert(schedule(team, "s1"))).isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> repo.update(next(s, "y")))
        .isInstanceOf(StaleVersionException.class);
    assertThat(repo.delete(freshTeam(), ScheduleId.of("s1"))).isFalse();
    assertThat(repo.delete(team, ScheduleId.of("s1"))).isTrue();
    assertThat(repo.find(team, ScheduleId.of("s1"))).isEmpty();
  }

  @Test
  void list_pagesById_perTeam() {
    for (String id : List.of("c", "a", "e", "b", "d")) {
      repo.insert(schedule(team, id));
    }
    repo.insert(schedule(freshTeam(), "a"));

    Page<Schedule> first = repo.list(team, PageRequest.first(2));
    Page<Schedule> last = repo.list(team, new PageRequest(4, 2));

    assertThat(first.total()).isEqualTo(5);
    assertThat(first.items()).extracting(s -> s.id().value()).containsExactly("a", "b");
    assertThat(last.items()).extracting(s -> s.id().value()).containsExactly("e");
  }
}
