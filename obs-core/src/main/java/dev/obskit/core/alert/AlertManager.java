package dev.obskit.core.alert;

import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.TeamId;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The alert contract, with the semantics of PagerDuty Events API v2:
 * <ul>
 *   <li>{@link #trigger} with a dedup key that has no open alert opens one ({@link
 *       AlertOutcome#CREATED}); with a key whose alert is open (triggered or acknowledged) it
 *       merges into it ({@link AlertOutcome#MERGED}) and nothing new is opened.
 *   <li>{@link #acknowledge} marks the open alert acknowledged; {@link #resolve} closes it. Both are
 *       {@link AlertOutcome#NO_CHANGE} for a key with no open alert, never an error.
 *   <li>A trigger after a resolve opens a new alert with a new id.
 * </ul>
 * Dedup keys are scoped by team. Every change is published as an {@link AlertEvent} on the event
 * bus after it is recorded. Thread-safe; calls for one key are linearizable. Never blocks beyond the
 * event bus's own bounds; subscriber failures never reach the caller.
 */
public interface AlertManager {

  /** Opens or merges an alert. */
  AlertResult trigger(Alert alert);

  /** Acknowledges the open alert for {@code dedupKey}; {@code by} names who (user or system). */
  AlertResult acknowledge(TeamId teamId, String dedupKey, String by);

  /** Resolves the open alert for {@code dedupKey}; {@code by} names who or what. */
  AlertResult resolve(TeamId teamId, String dedupKey, String by);

  /** Returns the open alert for the key, if any. */
  Optional<AlertRecord> findOpen(TeamId teamId, String dedupKey);

  /** Returns the team's open alerts, oldest first. */
  List<AlertRecord> listOpen(TeamId teamId);

  /** Returns an in-memory manager publishing to {@code bus}. */
  static AlertManager inMemory(InstantSource clock, EventBus bus, IdGenerator ids) {
    return new InMemoryAlertManager(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(bus, "bus"),
        Objects.requireNonNull(ids, "ids"));
  }

  /** Returns a manager that records nothing and publishes nothing, for disabled alerting. */
  static AlertManager noop() {
    return NoopAlertManager.INSTANCE;
  }
}
