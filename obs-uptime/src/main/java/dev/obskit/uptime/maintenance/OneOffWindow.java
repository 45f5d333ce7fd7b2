package dev.obskit.uptime.maintenance;

import java.time.Instant;
import java.util.Objects;

/**
 * A single maintenance window {@code [start, end)}.
 *
 * @param start first instant covered
 * @param end first instant no longer covered; after {@code start}
 */
public record OneOffWindow(Instant start, Instant end) implements MaintenanceWindow {
  /** Validates the bounds. */
  public OneOffWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("maintenance end " + end + " must be after start "
          + start);
    }
  }

  @Override
  public boolean covers(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
