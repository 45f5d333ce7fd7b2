package dev.obskit.incidents.oncall;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.InMemoryAggregateStore;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/** {@link ScheduleRepository} on core's {@link InMemoryAggregateStore}. Thread-safe. */
final class InMemoryScheduleRepository implements ScheduleRepository {
  private final InMemoryAggregateStore<ScheduleId, Schedule> store = new InMemoryAggregateStore<>();

  @Override
  public Schedule insert(Schedule schedule) {
    return store.insert(schedule);
  }

  @Override
  public Schedule update(Schedule next) {
    return store.update(next);
  }

  @Override
  public Optional<Schedule> find(TeamId team, ScheduleId id) {
    return store.find(Objects.requireNonNull(team, "team"), Objects.requireNonNull(id, "id"));
  }

  @Override
  public boolean delete(TeamId team, ScheduleId id) {
    return store.delete(team, id);
  }

  @Override
  public Page<Schedule> list(TeamId team, PageRequest page) {
    return store.list(team, s -> true, Comparator.comparing(s -> s.id().value()), page);
  }
}
