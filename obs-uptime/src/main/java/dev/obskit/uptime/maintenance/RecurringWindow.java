package dev.obskit.uptime.maintenance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly maintenance window in wall-clock time: on each of {@code days}, from {@code from}
 * (inclusive) to {@code to} (exclusive), in {@code zone}. When {@code to} is not after {@code
 * from} the window runs overnight into the next day (a Monday 23:00-01:00 window covers Monday
 * 23:00 to Tuesday 01:00), as Better Stack's {@code maintenance_from/to/days/timezone}.
 *
 * <p>Because the window is wall-clock, daylight-saving changes shift its real length: a
 * 01:00-03:00 window on the spring-forward night lasts one real hour, a 01:00-02:00 window on
 * the fall-back night lasts two (the hour repeats), and a window inside a skipped hour does not
 * happen. That is what a team booking "every Sunday 02:00 local" expects.
 *
 * @param days the weekdays on which the window starts
 * @param from local start time
 * @param to local end time; not after {@code from} means overnight
 * @param zone the time zone the times are in
 */
public record RecurringWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone)
    implements MaintenanceWindow {
  /** Validates and copies the components. */
  public RecurringWindow {
    Objects.requireNonNull(days, "days");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a recurring maintenance window needs at least one day");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    if (from.equals(to)) {
      throw new IllegalArgumentException("maintenance from and to must differ, both " + from);
    }
  }

  @Override
  public boolean covers(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    LocalTime time = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (from.isBefore(to)) {
      return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
    }
    boolean lateToday = days.contains(day) && !time.isBefore(from);
    boolean earlyAfterYesterday = days.contains(day.minus(1)) && time.isBefore(to);
    return lateToday || earlyAfterYesterday;
  }
}
