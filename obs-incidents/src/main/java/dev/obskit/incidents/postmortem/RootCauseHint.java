package dev.obskit.incidents.postmortem;

import dev.obskit.core.id.IncidentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Another incident of the same service that opened close to this one: a candidate cause (it fired
 * first) or a fellow symptom. Immutable.
 *
 * @param incident the related incident
 * @param dedupKey its alert dedup key
 * @param title its summary
 * @param openedAt when it opened
 * @param offset its opening minus this incident's opening (negative = it fired first)
 */
public record RootCauseHint(IncidentId incident, String dedupKey, String title, Instant openedAt,
    Duration offset) {
  /** Validates the components. */
  public RootCauseHint {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(offset, "offset");
  }

  /** Returns whether the related incident fired first, and so may be a cause. */
  public boolean firedFirst() {
    return offset.isNegative();
  }
}
