package dev.obskit.core.usage;

import dev.obskit.core.id.TeamId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A quantity of something billable that happened, published on the event bus by the module that
 * saw it and metered by obs-billing. Quantities are whole base units (bytes, events, tokens,
 * monitors) so sums are exact. The idempotency key makes a re-published event count once.
 * Immutable.
 *
 * @param teamId whose usage it is
 * @param meter the meter name; see {@link Meters} for the ones ObsKit's modules feed
 * @param quantity how much, at least 0
 * @param timestamp when it happened
 * @param idempotencyKey unique per real-world occurrence, 1 to 256 characters
 * @param dimensions extra labels (region, model, user), possibly empty
 */
public record UsageEvent(TeamId teamId, String meter, long quantity, Instant timestamp,
    String idempotencyKey, Map<String, String> dimensions) {
  /** Validates the components and copies the dimensions. */
  public UsageEvent {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (meter.isBlank()) {
      throw new IllegalArgumentException("meter must not be blank");
    }
    if (quantity < 0) {
      throw new IllegalArgumentException("quantity must be >= 0, got " + quantity + " for " + meter);
    }
    if (idempotencyKey.isEmpty() || idempotencyKey.length() > 256) {
      throw new IllegalArgumentException("idempotencyKey must be 1 to 256 characters, got "
          + idempotencyKey.length());
    }
    dimensions = Map.copyOf(Objects.requireNonNull(dimensions, "dimensions"));
  }

  /** Returns an event without dimensions. */
  public static UsageEvent of(TeamId teamId, String meter, long quantity, Instant timestamp,
      String idempotencyKey) {
    return new UsageEvent(teamId, meter, quantity, timestamp, idempotencyKey, Map.of());
  }
}
