package dev.obskit.core.alert;

import dev.obskit.core.id.AlertId;
import dev.obskit.core.id.TeamId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one alert occurrence: opened by a first trigger, merged with repeats, maybe
 * acknowledged, finally resolved. A re-trigger after resolution is a new record with a new id.
 * Immutable snapshot; the {@link AlertManager} replaces it on every change.
 *
 * @param id this occurrence's id
 * @param latest the most recent trigger merged into it (summary and details may change)
 * @param status where it is now
 * @param triggerCount how many triggers were merged, at least 1
 * @param firstTriggeredAt when it opened
 * @param lastTriggeredAt the latest trigger
 * @param acknowledgedAt when acknowledged, or null
 * @param acknowledgedBy who acknowledged, or null
 * @param resolvedAt when resolved, or null
 * @param resolvedBy who or what resolved it, or null
 * @param revision increases by one with every change; events for one alert can race on different
 *     threads, so a consumer keeps the highest revision it has seen and ignores older ones
 */
public record AlertRecord(
    AlertId id,
    Alert latest,
    AlertStatus status,
    long triggerCount,
    Instant firstTriggeredAt,
    Instant lastTriggeredAt,
    Instant acknowledgedAt,
    String acknowledgedBy,
    Instant resolvedAt,
    String resolvedBy,
    long revision) {

  /** Validates required components. */
  public AlertRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(firstTriggeredAt, "firstTriggeredAt");
    Objects.requireNonNull(lastTriggeredAt, "lastTriggeredAt");
  }

  /** Returns the team. */
  public TeamId teamId() {
    return latest.teamId();
  }

  /** Returns the dedup key. */
  public String dedupKey() {
    return latest.dedupKey();
  }

  /** Returns when it was resolved, if it was. */
  public Optional<Instant> resolvedAtIfAny() {
    return Optional.ofNullable(resolvedAt);
  }

  AlertRecord merged(Alert trigger, Instant now) {
    return new AlertRecord(id, trigger, status, triggerCount + 1, firstTriggeredAt, now,
        acknowledgedAt, acknowledgedBy, null, null, revision + 1);
  }

  AlertRecord acknowledged(String by, Instant now) {
    return new AlertRecord(id, latest, AlertStatus.ACKNOWLEDGED, triggerCount, firstTriggeredAt,
        lastTriggeredAt, now, by, null, null, revision + 1);
  }

  AlertRecord resolved(String by, Instant now) {
    return new AlertRecord(id, latest, AlertStatus.RESOLVED, triggerCount, firstTriggeredAt,
        lastTriggeredAt, acknowledgedAt, acknowledgedBy, now, by, revision + 1);
  }
}
