package dev.obskit.incidents.oncall;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Precomputed final schedules per schedule, so {@code whoIsOnCall} is a map lookup plus a binary
 * search. Thread-safe, lock-free on the read path.
 *
 * <p>Design: a plain {@link ConcurrentHashMap} rather than Caffeine, because entries are bounded by
 * the number of schedules (each a few thousand shifts at most) and are invalidated explicitly on
 * every change, so neither size eviction nor expiry policies are needed. A race between a
 * recomputation and a concurrent change is settled with a per-schedule generation: the writer bumps
 * the generation after storing the change and then drops the snapshot; a reader stores its
 * snapshot only if the generation it read before loading the schedule is still current, so a
 * snapshot computed from an older version can never be installed after the invalidation.
 */
final class OnCallCache {
  private final ConcurrentHashMap<Key, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key, Long> generations = new ConcurrentHashMap<>();

  record Key(TeamId team, ScheduleId id) {}

  private record Snapshot(long generation, FinalSchedule schedule) {}

  /** Returns the cached final schedule if it covers {@code at}, else null. */
  FinalSchedule lookup(TeamId team, ScheduleId id, Instant at) {
    Snapshot s = snapshots.get(new Key(team, id));
    return s != null && s.schedule().covers(at) ? s.schedule() : null;
  }

  /** Returns the generation to pass to {@link #offer}; read it before loading the schedule. */
  long generation(TeamId team, ScheduleId id) {
    return generations.getOrDefault(new Key(team, id), 0L);
  }

  /** Installs {@code computed} unless the schedule changed since {@code generation} was read. */
  void offer(TeamId team, ScheduleId id, long generation, FinalSchedule computed) {
    Key key = new Key(team, id);
    snapshots.compute(key, (k, current) ->
        generations.getOrDefault(k, 0L) == generation ? new Snapshot(generation, computed) : current);
  }

  /** Drops the snapshot after a change; call after the change is stored. */
  void invalidate(TeamId team, ScheduleId id) {
    Key key = new Key(team, id);
    generations.merge(key, 1L, Long::sum);
    snapshots.remove(key);
  }

  int size() {
    return snapshots.size();
  }
}
