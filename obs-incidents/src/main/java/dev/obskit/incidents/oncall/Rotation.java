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
 * <p><b>Turns and shifts.</b> For {@link Frequency#HOURLY} and {@link Frequency#DAILY} each turn is
 * one shift from the turn start, and a weekday mask ({@link #byDay()}) skips whole turns, which do
 * not advance the rotation (Mon–Fri daily: A, B, C, A, B, then C on Monday). For
 * {@link Frequency#WEEKLY} and {@link Frequency#MONTHLY} the user changes every turn; without a mask
 * a turn is one shift from its start, with a mask it is one shift per matching day, each starting at
 * the hand-off time of day (RRULE {@code BYDAY} semantics).
 *
 * @param userGroups who takes turns; each group is on call together for its turn
 * @param startUserIndex which group has turn 0
 * @param zone the IANA time zone all local times are in
 * @param start the local start of turn 0; its time of day is the hand-off time
 * @param frequency the turn unit
 * @param interval how many units one turn lasts, 1 to {@value #MAX_INTERVAL}
 * @param byDay the weekday mask; empty means every day
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
    Optional<Duration> shiftLength,
    Optional<LocalDateTime> until,
    Optional<LocalDateTime> activeFrom) {

  /** Largest accepted {@link #interval()}. */
  public static final int MAX_INTERVAL = 1000;
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
    Objects.requireNonNull(shiftLength, "shiftLength");
    if (shiftLength.isPresent()) {
      checkShiftLength(shiftLength.get(), frequency, interval, !byDay.isEmpty());
    }
    Objects.requireNonNull(until, "until");
    if (until.isPresent() && !until.get().isAfter(start)) {
      throw new IllegalArgumentException("until must be after start " + start + ", got " + until.get());
    }
    Objects.requireNonNull(activeFrom, "activeFrom");
    if (activeFrom.isPresent() && until.isPresent() && !until.get().isAfter(activeFrom.get())) {
      throw new IllegalArgumentException(
          "until must be after activeFrom " + activeFrom.get() + ", got " + until.get());
    }
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
      boolean masked) {
    Checks.positive("shiftLength", length);
    boolean daily = masked && !frequency.rotatesPerOccurrence();
    Duration max = daily ? Duration.ofDays(1) : frequency.minimumUnitLength().multipliedBy(interval);
    if (length.compareTo(max) > 0) {
      throw new IllegalArgumentException("shiftLength must be at most " + max
          + (daily ? " when a weekday mask splits " + frequency + " turns into days" : " for "
          + frequency + " every " + interval) + ", got " + length);
    }
  }

  /**
   * Builds a {@link Rotation}. Not thread-safe. {@link #build()} validates and names the bad value.
   */
  public static final class Builder {
    private final List<List<UserId>> groups = new ArrayList<>();
    private final Set<DayOfWeek> byDay = EnumSet.noneOf(DayOfWeek.class);
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
          Optional.ofNullable(shiftLength), Optional.ofNullable(until),
          Optional.ofNullable(activeFrom));
    }
  }
}
