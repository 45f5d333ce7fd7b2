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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps open alerts in a map keyed by team and dedup key. Each change is computed atomically in
 * {@link ConcurrentHashMap#compute} and published after the map is updated, outside the lock, so a
 * slow synchronous subscriber cannot hold up other keys. Each open alert carries the sequence
 * number of its first trigger, so alerts opened at the same clock instant (common on a
 * {@code ManualClock}) still list in the order they were opened.
 */
final class InMemoryAlertManager implements AlertManager {
  private final InstantSource clock;
  private final EventBus bus;
  private final IdGenerator ids;
  private final ConcurrentHashMap<Key, Open> open = new ConcurrentHashMap<>();
  private final AtomicLong openSequence = new AtomicLong();

  InMemoryAlertManager(InstantSource clock, EventBus bus, IdGenerator ids) {
    this.clock = clock;
    this.bus = bus;
    this.ids = ids;
  }

  @Override
  public AlertResult trigger(Alert alert) {
    Objects.requireNonNull(alert, "alert");
    Instant now = clock.instant();
    AlertOutcome[] outcome = new AlertOutcome[1];
    AlertRecord record = open.compute(new Key(alert.teamId(), alert.dedupKey()), (k, current) -> {
      if (current == null) {
        outcome[0] = AlertOutcome.CREATED;
        return new Open(new AlertRecord(AlertId.of(ids.next()), alert, AlertStatus.TRIGGERED, 1, now,
            now, null, null, null, null, 1), openSequence.incrementAndGet());
      }
      outcome[0] = AlertOutcome.MERGED;
      return current.with(current.record.merged(alert, now));
    }).record;
    publish(outcome[0] == AlertOutcome.CREATED ? AlertAction.TRIGGERED : AlertAction.MERGED, record, now);
    return new AlertResult(outcome[0], record);
  }

  @Override
  public AlertResult acknowledge(TeamId teamId, String dedupKey, String by) {
    Key key = key(teamId, dedupKey);
    Instant now = clock.instant();
    boolean[] changed = new boolean[1];
    Open entry = open.computeIfPresent(key, (k, current) -> {
      if (current.record.status() == AlertStatus.ACKNOWLEDGED) {
        return current;
      }
      changed[0] = true;
      return current.with(current.record.acknowledged(by, now));
    });
    AlertRecord record = entry == null ? null : entry.record;
    if (!changed[0]) {
      return new AlertResult(AlertOutcome.NO_CHANGE, record);
    }
    publish(AlertAction.ACKNOWLEDGED, record, now);
    return new AlertResult(AlertOutcome.ACKNOWLEDGED, record);
  }

  @Override
  public AlertResult resolve(TeamId teamId, String dedupKey, String by) {
    Open removed = open.remove(key(teamId, dedupKey));
    if (removed == null) {
      return new AlertResult(AlertOutcome.NO_CHANGE, null);
    }
    Instant now = clock.instant();
    AlertRecord resolved = removed.record.resolved(by, now);
    publish(AlertAction.RESOLVED, resolved, now);
    return new AlertResult(AlertOutcome.RESOLVED, resolved);
  }

  @Override
  public Optional<AlertRecord> findOpen(TeamId teamId, String dedupKey) {
    Open entry = open.get(key(teamId, dedupKey));
    return entry == null ? Optional.empty() : Optional.of(entry.record);
  }

  @Override
  public List<AlertRecord> listOpen(TeamId teamId) {
    Objects.requireNonNull(teamId, "teamId");
    List<Open> entries = new ArrayList<>();
    open.forEach((k, v) -> {
      if (k.teamId.equals(teamId)) {
        entries.add(v);
      }
    });
    entries.sort(Comparator.comparing((Open o) -> o.record.firstTriggeredAt())
        .thenComparingLong(o -> o.sequence));
    List<AlertRecord> result = new ArrayList<>(entries.size());
    entries.forEach(o -> result.add(o.record));
    return result;
  }

  /** A null team or key is a caller bug; answering NO_CHANGE would hide it. */
  private static Key key(TeamId teamId, String dedupKey) {
    return new Key(Objects.requireNonNull(teamId, "teamId"), Objects.requireNonNull(dedupKey, "dedupKey"));
  }

  private void publish(AlertAction action, AlertRecord record, Instant now) {
    bus.publish(new AlertEvent(action, record, now));
  }

  private record Key(TeamId teamId, String dedupKey) {}

  /** An open alert and the order in which it was opened. */
  private record Open(AlertRecord record, long sequence) {
    Open with(AlertRecord next) {
      return new Open(next, sequence);
    }
  }
}
