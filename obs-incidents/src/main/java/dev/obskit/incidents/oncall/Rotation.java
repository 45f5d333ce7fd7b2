package dev.obskit.incidents.oncall;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.UserId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One rotation of users, Grafana OnCall's {@code rolling_users} shift: who takes turns, when turns
 * start and how long each shift lasts. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p><b>Wall-clock semantics.</b> Every time here is local time in {@link #zone()}. Turn {@code k}
 * starts at {@code start + k × interval × frequency} computed on the local calendar, and a shift
 * ends at its local start plus {@link #shiftLength()} on the local clock; instants are derived with
 * {@link java.time.ZonedDateTime}. A 09:00 hand-off therefore stays 09:00 local across daylight
 * saving changes, and the shift that spans the change lasts 23 h or 25 h (a weekly one 167 h or
 * 169 h) of real time. A local time skipped by a spring-forward change moves forward by the gap's
 * length; an ambiguous autumn time takes the earlier offset.
 *
 * <p><b>Turns and shifts</b> (Grafana OnCall's reading of the same iCal rule). Without a day filter
 * a turn lasts {@code interval} units from its start and is one shift. With a filter
 * ({@link #byDay()} and/or {@link #byMonthDay()}) every matching day is one shift starting at the
 * hand-off time of day, and:
 * <ul>
 *   <li>{@link Frequency#HOURLY}: a turn on an unmatched day is skipped and does not advance the
 *       rotation;
 *   <li>{@link Frequency#DAILY}: each group covers {@code interval} consecutive matching days, then
 *       the next group (Mon–Fri, interval 2: A Mon+Tue, B Wed+Thu, C Fri+Mon, ...);
 *   <li>{@link Frequency#WEEKLY}: weeks begin on {@link #weekStart()}; every {@code interval}-th
 *       week from the start's week is a turn whose matching days belong to the next group, the
 *       weeks between have nobody ("every 2 weeks on Sat, Sun");
 *   <li>{@link Frequency#MONTHLY}: the same with calendar months: the next group takes over from
 *       the first matching day of the next turn's month.
 * </ul>
 * A rotation whose {@code until} is not after its start is valid and yields nobody.
 *
 * @param userGroups who takes turns; each group is on call together for its turn
 * @param startUserIndex which group has turn 0
 * @param zone the IANA time zone all local times are in
 * @param start the local start of turn 0; its time of day is the hand-off time
 * @param frequency the turn unit
 * @param interval how many units one turn lasts, 1 to {@value #MAX_INTERVAL}
 * @param byDay the weekday mask; empty means every day
 * @param byMonthDay days of the month (1 to 31, or -1 for the last day to -31); empty means every
 *     day; for {@link Frequency#DAILY} and {@link Frequency#MONTHLY} only
 * @param weekStart the day weeks begin on, deciding which masked days share a weekly turn
 * @param shiftLength how long each shift lasts on the local clock; empty means until the next
 *     hand-off (the whole turn, or the whole day when a mask splits turns into days)
 * @param until the local time the rotation stops; shifts are clipped there
 * @param activeFrom the local time the rotation takes effect; earlier shifts are clipped there
 *     (used when a started rotation is edited: the turns keep their anchor, the new rotation
 *     applies from the edit on)
 */
public record Rotation(
    List<List<UserId>> userGroups,
    int startUserIndex,
    ZoneId zone,
    LocalDateTime start,
    Frequency frequency,
    int interval,
    Set<DayOfWeek> byDay,
    Set<Integer> byMonthDay,
    DayOfWeek weekStart,
    Optional<Duration> shiftLength,
    Optional<LocalDateTime> until,
    Optional<LocalDateTime> activeFrom) {

  /** Largest accepted {@link #interval()}. */
  public static final int MAX_INTERVAL = 1000;
  /** The default {@link #weekStart()}: Monday, as ISO 8601 and Grafana OnCall's UI. */
  public static final DayOfWeek DEFAULT_WEEK_START = DayOfWeek.MONDAY;
  /** Most user groups in one rotation. */
  public static final int MAX_GROUPS = 1000;

  /** Validates every component, naming the bad value. */
  public Rotation {
    userGroups = copyGroups(userGroups);
    if (startUserIndex < 0 || startUserIndex >= userGroups.size()) {
      throw new IllegalArgumentException("startUserIndex must be between 0 and "
          + (userGroups.size() - 1) + ", got " + startUserIndex);
    }
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(frequency, "frequency");
    if (interval < 1 || interval > MAX_INTERVAL) {
      throw new IllegalArgumentException(
          "interval must be between 1 and " + MAX_INTERVAL + ", got " + interval);
    }
    byDay = byDay.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(byDay));
    byMonthDay = checkMonthDays(byMonthDay, frequency);
    Objects.requireNonNull(weekStart, "weekStart");
    Objects.requireNonNull(shiftLength, "shiftLength");
    if (shiftLength.isPresent()) {
      checkShiftLength(shiftLength.get(), frequency, interval,
          !byDay.isEmpty() || !byMonthDay.isEmpty());
    }
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(activeFrom, "activeFrom");
  }

  /** Whether a day filter applies ({@link #byDay()} or {@link #byMonthDay()} is set). */
  public boolean filtered() {
    return !byDay.isEmpty() || !byMonthDay.isEmpty();
  }

  /** Whether {@code date} passes the day filter (always true without one). */
  public boolean matches(LocalDate date) {
    if (!byDay.isEmpty() && !byDay.contains(date.getDayOfWeek())) {
      return false;
    }
    if (byMonthDay.isEmpty()) {
      return true;
    }
    int day = date.getDayOfMonth();
    return byMonthDay.contains(day) || byMonthDay.contains(day - 1 - date.lengthOfMonth());
  }

  private static Set<Integer> checkMonthDays(Set<Integer> days, Frequency frequency) {
    Objects.requireNonNull(days, "byMonthDay");
    if (days.isEmpty()) {
      return Set.of();
    }
    if (frequency != Frequency.DAILY && frequency != Frequency.MONTHLY) {
      throw new IllegalArgumentException(
          "byMonthDay applies to DAILY and MONTHLY rotations only, got " + frequency);
    }
    for (Integer day : days) {
      if (day == null || day == 0 || day < -31 || day > 31) {
        throw new IllegalArgumentException(
            "byMonthDay values must be 1 to 31 or -31 to -1, got " + day);
      }
    }
    return Collections.unmodifiableSet(new java.util.TreeSet<>(days));
  }

  /** Returns a builder with interval 1, no mask, whole-turn shifts and no end. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised from this rotation. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.groups.addAll(userGroups);
    b.startUserIndex = startUserIndex;
    b.zone = zone;
    b.start = start;
    b.frequency = frequency;
    b.interval = interval;
    b.byDay.addAll(byDay);
    b.byMonthDay.addAll(byMonthDay);
    b.weekStart = weekStart;
    b.shiftLength = shiftLength.orElse(null);
    b.until = until.orElse(null);
    b.activeFrom = activeFrom.orElse(null);
    return b;
  }

  /** Returns the hand-off time of day (the local time of day of {@link #start()}). */
  public LocalTime handoffTime() {
    return start.toLocalTime();
  }

  private static List<List<UserId>> copyGroups(List<List<UserId>> groups) {
    Objects.requireNonNull(groups, "userGroups");
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("a rotation needs at least one user");
    }
    if (groups.size() > MAX_GROUPS) {
      throw new IllegalArgumentException(
          "a rotation has at most " + MAX_GROUPS + " user groups, got " + groups.size());
    }
    List<List<UserId>> copy = new ArrayList<>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      List<UserId> group = List.copyOf(Objects.requireNonNull(groups.get(i), "userGroups[" + i + "]"));
      if (group.isEmpty()) {
        throw new IllegalArgumentException("user group " + i + " is empty");
      }
      if (new HashSet<>(group).size() != group.size()) {
        throw new IllegalArgumentException("user group " + i + " lists a user twice: " + group);
      }
      copy.add(group);
    }
    return List.copyOf(copy);
  }

  private static void checkShiftLength(Duration length, Frequency frequency, int interval,
      boolean filtered) {
    Checks.positive("shiftLength", length);
    Duration max = maxShiftLength(frequency, interval, filtered);
    if (length.compareTo(max) > 0) {
      throw new IllegalArgumentException("shiftLength must be at most " + max
          + (filtered && frequency != Frequency.HOURLY ? " when a day filter splits " + frequency
          + " turns into days" : " for " + frequency + " every " + interval) + ", got " + length);
    }
  }

  /**
   * The longest shift a rotation accepts: one day when a day filter splits turns into days, else
   * the turn's longest possible length (a monthly turn may be as long as a 31-day month).
   */
  static Duration maxShiftLength(Frequency frequency, int interval, boolean filtered) {
    if (filtered && frequency != Frequency.HOURLY) {
      return Duration.ofDays(1);
    }
    return frequency.maximumUnitLength().multipliedBy(interval);
  }

  /**
   * Builds a {@link Rotation}. Not thread-safe. {@link #build()} validates and names the bad value.
   */
  public static final class Builder {
    private final List<List<UserId>> groups = new ArrayList<>();
    private final Set<DayOfWeek> byDay = EnumSet.noneOf(DayOfWeek.class);
    private final Set<Integer> byMonthDay = new java.util.TreeSet<>();
    private DayOfWeek weekStart = DEFAULT_WEEK_START;
    private int startUserIndex;
    private ZoneId zone;
    private LocalDateTime start;
    private Frequency frequency;
    private int interval = 1;
    private Duration shiftLength;
    private LocalDateTime until;
    private LocalDateTime activeFrom;

    Builder() {}

    /** Adds users who each take a turn alone, in order. */
    public Builder addUsers(UserId... users) {
      for (UserId user : users) {
        groups.add(List.of(Objects.requireNonNull(user, "user")));
      }
      return this;
    }

    /** Adds users who each take a turn alone, in order. */
    public Builder addUsers(List<UserId> users) {
      return addUsers(users.toArray(new UserId[0]));
    }

    /** Adds a group of users who are on call together for one turn. */
    public Builder addGroup(UserId... users) {
      groups.add(List.of(users));
      return this;
    }

    /** Removes every user group (to rebuild a copied rotation with other people). */
    public Builder clearUsers() {
      groups.clear();
      startUserIndex = 0;
      return this;
    }

    /** Sets which user group has the first turn (default 0). */
    public Builder setStartUserIndex(int index) {
      this.startUserIndex = index;
      return this;
    }

    /** Sets the IANA time zone of every local time in this rotation. */
    public Builder setZone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Sets the zone by IANA id, e.g. {@code "Europe/Paris"}. */
    public Builder setZone(String zoneId) {
      Objects.requireNonNull(zoneId, "zone");
      try {
        return setZone(ZoneId.of(zoneId));
      } catch (java.time.DateTimeException e) {
        throw new IllegalArgumentException("zone is not a valid time zone id: \"" + zoneId + "\"", e);
      }
    }

    /** Sets the local start of the first turn; its time of day is the hand-off time. */
    public Builder setStart(LocalDateTime start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** Sets the first turn's start as a local date plus the hand-off time of day. */
    public Builder setStart(LocalDate date, LocalTime handoffTime) {
      return setStart(LocalDateTime.of(Objects.requireNonNull(date, "date"),
          Objects.requireNonNull(handoffTime, "handoffTime")));
    }

    /** Sets the turn unit. */
    public Builder setFrequency(Frequency frequency) {
      this.frequency = Objects.requireNonNull(frequency, "frequency");
      return this;
    }

    /** Sets how many units one turn lasts (default 1). */
    public Builder setInterval(int interval) {
      this.interval = interval;
      return this;
    }

    /** Restricts shifts to these weekdays ("mask by weekdays"). */
    public Builder setByDay(DayOfWeek... days) {
      byDay.clear();
      for (DayOfWeek day : days) {
        byDay.add(Objects.requireNonNull(day, "day"));
      }
      return this;
    }

    /** Restricts shifts to these days of the month (1 to 31, -1 the last day); RRULE BYMONTHDAY. */
    public Builder setByMonthDay(int... days) {
      byMonthDay.clear();
      for (int day : days) {
        byMonthDay.add(day);
      }
      return this;
    }

    /** Sets the day weeks begin on (default {@link #DEFAULT_WEEK_START}); RRULE WKST. */
    public Builder setWeekStart(DayOfWeek weekStart) {
      this.weekStart = Objects.requireNonNull(weekStart, "weekStart");
      return this;
    }

    /** Limits each shift to this local-clock length (default: until the next hand-off). */
    public Builder setShiftLength(Duration length) {
      this.shiftLength = Objects.requireNonNull(length, "shiftLength");
      return this;
    }

    /** Ends the rotation at this local time; later shifts are dropped, a spanning one clipped. */
    public Builder setUntil(LocalDateTime until) {
      this.until = Objects.requireNonNull(until, "until");
      return this;
    }

    /** Makes the rotation take effect at this local time; earlier shifts are clipped. */
    public Builder setActiveFrom(LocalDateTime activeFrom) {
      this.activeFrom = Objects.requireNonNull(activeFrom, "activeFrom");
      return this;
    }

    /** Returns the validated rotation. */
    public Rotation build() {
      if (zone == null) {
        throw new IllegalArgumentException("zone must be set");
      }
      if (start == null) {
        throw new IllegalArgumentException("start must be set");
      }
      if (frequency == null) {
        throw new IllegalArgumentException("frequency must be set");
      }
      return new Rotation(groups, startUserIndex, zone, start, frequency, interval, byDay,
          byMonthDay, weekStart, Optional.ofNullable(shiftLength), Optional.ofNullable(until),
          Optional.ofNullable(activeFrom));
    }
  }
}
