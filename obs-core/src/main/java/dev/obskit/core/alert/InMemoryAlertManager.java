package dev.obskit.core.alert;

import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.AlertId;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.TeamId;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps open alerts in a map keyed by team and dedup key. Each change is computed atomically in
 * {@link ConcurrentHashMap#compute} and published after the map is updated, outside the lock, so a
 * slow synchronous subscriber cannot hold up other keys.
 */
final class InMemoryAlertManager implements AlertManager {
  private final InstantSource clock;
  private final EventBus bus;
  private final IdGenerator ids;
  private final ConcurrentHashMap<Key, AlertRecord> open = new ConcurrentHashMap<>();

  InMemoryAlertManager(InstantSource clock, EventBus bus, IdGenerator ids) {
    this.clock = clock;
    this.bus = bus;
    this.ids = ids;
  }

  @Override
  public AlertResult trigger(Alert alert) {
    Instant now = clock.instant();
    AlertOutcome[] outcome = new AlertOutcome[1];
    AlertRecord record = open.compute(new Key(alert.teamId(), alert.dedupKey()), (k, current) -> {
      if (current == null) {
        outcome[0] = AlertOutcome.CREATED;
        return new AlertRecord(AlertId.of(ids.next()), alert, AlertStatus.TRIGGERED, 1, now, now,
            null, null, null, null, 1);
      }
      outcome[0] = AlertOutcome.MERGED;
      return current.merged(alert, now);
    });
    publish(outcome[0] == AlertOutcome.CREATED ? AlertAction.TRIGGERED : AlertAction.MERGED, record, now);
    return new AlertResult(outcome[0], record);
  }

  @Override
  public AlertResult acknowledge(TeamId teamId, String dedupKey, String by) {
    Instant now = clock.instant();
    boolean[] changed = new boolean[1];
    AlertRecord record = open.computeIfPresent(new Key(teamId, dedupKey), (k, current) -> {
      if (current.status() == AlertStatus.ACKNOWLEDGED) {
        return current;
      }
      changed[0] = true;
      return current.acknowledged(by, now);
    });
    if (!changed[0]) {
      return new AlertResult(AlertOutcome.NO_CHANGE, record);
    }
    publish(AlertAction.ACKNOWLEDGED, record, now);
    return new AlertResult(AlertOutcome.ACKNOWLEDGED, record);
  }

  @Override
  public AlertResult resolve(TeamId teamId, String dedupKey, String by) {
    AlertRecord removed = open.remove(new Key(teamId, dedupKey));
    if (removed == null) {
      return new AlertResult(AlertOutcome.NO_CHANGE, null);
    }
    Instant now = clock.instant();
    AlertRecord resolved = removed.resolved(by, now);
    publish(AlertAction.RESOLVED, resolved, now);
    return new AlertResult(AlertOutcome.RESOLVED, resolved);
  }

  @Override
  public Optional<AlertRecord> findOpen(TeamId teamId, String dedupKey) {
    return Optional.ofNullable(open.get(new Key(teamId, dedupKey)));
  }

  @Override
  public List<AlertRecord> listOpen(TeamId teamId) {
    List<AlertRecord> result = new ArrayList<>();
    open.forEach((k, v) -> {
      if (k.teamId.equals(teamId)) {
        result.add(v);
      }
    });
    result.sort(Comparator.comparing(AlertRecord::firstTriggeredAt));
    return result;
  }

  private void publish(AlertAction action, AlertRecord record, Instant now) {
    bus.publish(new AlertEvent(action, record, now));
  }

  private record Key(TeamId teamId, String dedupKey) {}
}
