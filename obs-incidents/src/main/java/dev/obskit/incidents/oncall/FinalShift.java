package dev.obskit.incidents.oncall;

import dev.obskit.core.id.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One interval of the final schedule: who is on call in {@code [start, end)} and why. Immutable.
 *
 * @param start inclusive
 * @param end exclusive
 * @param users on call, in the rotation's order; empty for a {@link ShiftSource#GAP}
 * @param source an override, a layer or a gap
 * @param origin the override id or layer name; empty for a gap
 * @param covers the accepted cover requests that substituted users in this interval
 */
public record FinalShift(Instant start, Instant end, List<UserId> users, ShiftSource source,
    String origin, List<CoverRequestId> covers) {
  /** Validates and copies the components. */
  public FinalShift {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start " + start + ", got " + end);
    }
    users = List.copyOf(users);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    covers = List.copyOf(covers);
    if ((source == ShiftSource.GAP) != users.isEmpty()) {
      throw new IllegalArgumentException("a gap has no users and a shift has some, got "
          + source + " with " + users);
    }
  }

  /** Returns a gap over {@code [start, end)}. */
  public static FinalShift gap(Instant start, Instant end) {
    return new FinalShift(start, end, List.of(), ShiftSource.GAP, "", List.of());
  }

  /** Returns whether nobody is on call here. */
  public boolean isGap() {
    return source == ShiftSource.GAP;
  }

  /** Returns the real (elapsed) length of this interval. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /** Returns whether {@code at} lies in {@code [start, end)}. */
  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
