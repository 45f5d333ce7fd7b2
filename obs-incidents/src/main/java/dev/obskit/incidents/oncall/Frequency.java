package dev.obskit.incidents.oncall;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * How often a rotation hands off, in the layer's local (wall-clock) time, as in an iCal RRULE
 * {@code FREQ}. Combined with {@link Rotation#interval()}: "every 2 weeks", "every 12 hours".
 *
 * <p>{@link #HOURLY} with an interval is the "custom" rotation length of Grafana OnCall's "repeat
 * every N hours" and PagerDuty's custom turn length (e.g. 12-hour or 36-hour turns).
 */
public enum Frequency {
  /** Turns of {@code interval} hours; the user rotates every occurring turn. */
  HOURLY(ChronoUnit.HOURS),
  /** Turns of {@code interval} days; with a day filter each group covers {@code interval} matching days. */
  DAILY(ChronoUnit.DAYS),
  /** Turns of {@code interval} weeks; with a day filter every {@code interval}-th week is a turn. */
  WEEKLY(ChronoUnit.WEEKS),
  /** Turns of {@code interval} months; with a day filter every {@code interval}-th month is a turn. */
  MONTHLY(ChronoUnit.MONTHS);

  private final ChronoUnit unit;

  Frequency(ChronoUnit unit) {
    this.unit = unit;
  }

  /** Returns {@code anchor} advanced by {@code amount} units, in wall-clock (local) arithmetic. */
  LocalDateTime advance(LocalDateTime anchor, long amount) {
    return anchor.plus(amount, unit);
  }

  /** Returns how many whole units lie between the two local times (negative if {@code to} is before). */
  long unitsBetween(LocalDateTime from, LocalDateTime to) {
    return unit.between(from, to);
  }

  /** The longest local-clock length of one unit of this frequency, for validating shift lengths. */
  java.time.Duration maximumUnitLength() {
    return switch (this) {
      case HOURLY -> java.time.Duration.ofHours(1);
      case DAILY -> java.time.Duration.ofDays(1);
      case WEEKLY -> java.time.Duration.ofDays(7);
      case MONTHLY -> java.time.Duration.ofDays(31);
    };
  }
}
