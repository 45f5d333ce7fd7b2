package dev.obskit.store.jdbc;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleRepository;
import java.util.Optional;

/**
 * On-call schedules in {@code inc_schedule}; rotations, layers, overrides and cover requests are
 * parts of the schedule aggregate, versioned with it, kept in its body. Thread-safe.
 */
final class JdbcScheduleRepository implements ScheduleRepository {
  private final AggregateTable<Schedule> schedules;

  JdbcScheduleRepository(Db db) {
    this.schedules = new AggregateTable<>(db, "inc_schedule", Schedule.class, AggregateTable.columns());
  }

  @Override
  public Schedule insert(Schedule schedule) {
    return schedules.insert(schedule);
  }

  @Override
  public Schedule update(Schedule next) {
    return schedules.update(next);
  }

  @Override
  public Optional<Schedule> find(TeamId team, ScheduleId id) {
    return schedules.find(team, id);
  }

  @Override
  public boolean delete(TeamId team, ScheduleId id) {
    return schedules.delete(team, id);
  }

  @Override
  public Page<Schedule> list(TeamId team, PageRequest page) {
    return schedules.page("team_id = ?", ps -> ps.setString(1, team.value()), "id", page);
  }
}
