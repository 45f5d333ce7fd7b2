package dev.obskit.incidents.oncall;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Puts {@link #users()} on call for {@code [start, end)} whatever the layers say. Overrides always
 * beat layers; where overrides overlap each other the one added later wins. Immutable.
 *
 * @param id unique within the schedule
 * @param start inclusive
 * @param end exclusive, after {@code start}, at most {@link #MAX_LENGTH} later
 * @param users who is on call instead, at least one, no duplicates
 * @param source where it came from: {@link #MANUAL} or {@code "ical:<feed>"} for imported feeds
 */
public record ScheduleOverride(OverrideId id, Instant start, Instant end, List<UserId> users,
    String source) {
  /** Source of overrides added through the API. */
  public static final String MANUAL = "manual";
  /** Longest accepted override. */
  public static final Duration MAX_LENGTH = Duration.ofDays(366);

  /** Validates the components, naming the bad value. */
  public ScheduleOverride {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    checkWindow("override " + id, start, end, MAX_LENGTH);
    users = List.copyOf(Objects.requireNonNull(users, "users"));
    if (users.isEmpty()) {
      throw new IllegalArgumentException("override " + id + " needs at least one user");
    }
    if (new HashSet<>(users).size() != users.size()) {
      throw new IllegalArgumentException("override " + id + " lists a user twice: " + users);
    }
    Checks.notBlank("source", source);
  }

  static void checkWindow(String what, Instant start, Instant end, Duration max) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          what + ": end must be after start " + start + ", got " + end);
    }
    if (Duration.between(start, end).compareTo(max) > 0) {
      throw new IllegalArgumentException(what + ": must last at most " + max + ", got "
          + Duration.between(start, end) + " (" + start + " to " + end + ")");
    }
  }
}
