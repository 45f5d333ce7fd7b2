package dev.obskit.incidents.oncall;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import java.util.Optional;

/**
 * Stores schedules, team scoped and optimistically versioned. Implementations are thread-safe; a
 * JDBC implementation maps {@link #update} to {@code UPDATE ... WHERE version = n}.
 */
public interface ScheduleRepository {
  /**
   * Stores a new schedule at version 1; throws {@link dev.obskit.core.store.DuplicateKeyException}
   * if the team already has one with that id.
   */
  Schedule insert(Schedule schedule);

  /**
   * Stores {@code next} if the stored version is {@code next.version() - 1}; otherwise throws
   * {@link dev.obskit.core.store.StaleVersionException}.
   */
  Schedule update(Schedule next);

  /** Returns the team's schedule with that id. */
  Optional<Schedule> find(TeamId team, ScheduleId id);

  /** Removes the schedule; returns whether it existed. */
  boolean delete(TeamId team, ScheduleId id);

  /** Returns one page of the team's schedules, ordered by id. */
  Page<Schedule> list(TeamId team, PageRequest page);

  /** Returns a thread-safe repository held in memory. */
  static ScheduleRepository inMemory() {
    return new InMemoryScheduleRepository();
  }
}
