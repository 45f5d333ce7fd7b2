package dev.obskit.errors.issue;

import java.time.Instant;
import java.util.Objects;

/**
 * How long an ignored issue stays ignored. Immutable.
 *
 * @param kind forever, until a number of further events or new users, or until a time
 * @param eventLimit for {@link Kind#UNTIL_COUNT}: how many more events are tolerated; for {@link
 *     Kind#UNTIL_USERS}: how many more distinct users
 * @param until for {@link Kind#UNTIL_TIME}: when the issue is unignored; otherwise {@link
 *     Instant#MAX}
 */
public record IgnoreCondition(Kind kind, long eventLimit, Instant until) {
  /** The ignore variants Sentry offers. */
  public enum Kind {
    /** Never unignored automatically. */
    FOREVER,
    /** Unignored when more than {@code eventLimit} further events arrive. */
    UNTIL_COUNT,
    /** Unignored by the first event at or after {@code until}. */
    UNTIL_TIME,
    /** Unignored when more than {@code eventLimit} users not affected before are affected. */
    UNTIL_USERS
  }

  /** Validates. */
  public IgnoreCondition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(until, "until");
    if ((kind == Kind.UNTIL_COUNT || kind == Kind.UNTIL_USERS) && eventLimit < 1) {
      throw new IllegalArgumentException("eventLimit must be >= 1, got " + eventLimit);
    }
  }

  /** Ignores forever. */
  public static IgnoreCondition forever() {
    return new IgnoreCondition(Kind.FOREVER, 0, Instant.MAX);
  }

  /** Ignores until {@code events} more events have arrived. */
  public static IgnoreCondition untilCount(long events) {
    return new IgnoreCondition(Kind.UNTIL_COUNT, events, Instant.MAX);
  }

  /** Ignores until more than {@code users} users not affected so far are affected. */
  public static IgnoreCondition untilUsers(long users) {
    return new IgnoreCondition(Kind.UNTIL_USERS, users, Instant.MAX);
  }

  /** Ignores until {@code time}. */
  public static IgnoreCondition untilTime(Instant time) {
    return new IgnoreCondition(Kind.UNTIL_TIME, 0, time);
  }
}
