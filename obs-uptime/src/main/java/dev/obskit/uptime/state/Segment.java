package dev.obskit.uptime.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch {@code [from, to)} of one monitor's time and how it counts. Immutable.
 *
 * @param from start, inclusive
 * @param to end, exclusive; not before {@code from}
 * @param booking up, down or maintenance
 */
public record Segment(Instant from, Instant to, Booking booking) {
  /** Validates the components. */
  public Segment {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(booking, "booking");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("segment end " + to + " is before its start " + from);
    }
  }
}
