package dev.obskit.incidents.oncall;

import dev.obskit.core.id.UserId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands a {@link Rotation} into concrete shifts over a window, following Grafana OnCall's
 * reading of the rotation's iCal rule.
 *
 * <p>Design: all turn and shift boundaries are computed on the local calendar from the rotation's
 * anchor ({@code start + k × interval units}, never by adding to the previous turn, so a monthly
 * rotation anchored on the 31st does not drift to the 28th), then converted to instants with
 * {@link java.time.ZonedDateTime}. This is what keeps hand-offs at the same wall-clock time across
 * DST changes.
 *
 * <p>Three expansions:
 * <ul>
 *   <li><b>turns</b> (no day filter): turn {@code k} is one shift from {@code start + k × interval};
 *       expansion starts one turn before the window, because a shift that began earlier may still
 *       be running;
 *   <li><b>hourly with a weekday mask</b>: turns on unmatched days are skipped and do not advance the
 *       user order. The weekday of turn {@code k} is periodic in {@code k} (period
 *       {@code 168 / gcd(hours, 168)}), so the matching turns before {@code k} are counted in O(1)
 *       from one period's prefix counts;
 *   <li><b>days</b> (daily, weekly, monthly with a filter): one shift per matching day at the
 *       hand-off time; the day's turn is its matching-day index / interval (daily), or its week
 *       (from {@link Rotation#weekStart()}) or calendar month index when that is a multiple of the
 *       interval (weekly, monthly; other weeks or months have nobody).
 * </ul>
 */
final class RotationExpander {
  private RotationExpander() {}

  /** A shift of one layer before resolution. */
  record RawShift(Instant start, Instant end, List<UserId> users) {}

  static List<RawShift> expand(Rotation r, Instant from, Instant to) {
    if (r.until().isPresent() && !r.until().get().isAfter(r.start())) {
      return List.of();
    }
    if (!r.filtered()) {
      return expandTurns(r, from, to, null);
    }
    return r.frequency() == Frequency.HOURLY
        ? expandTurns(r, from, to, maskPrefix(r)) : expandDays(r, from, to);
  }

  private static List<RawShift> expandTurns(Rotation r, Instant from, Instant to, int[] prefix) {
    List<RawShift> out = new ArrayList<>();
    ZoneId zone = r.zone();
    LocalDateTime fromLocal = LocalDateTime.ofInstant(from, zone).minusDays(1);
    long units = r.frequency().unitsBetween(r.start(), fromLocal);
    long k = Math.max(0, units / r.interval() - 1);
    for (; ; k++) {
      LocalDateTime turnStart = r.frequency().advance(r.start(), k * r.interval());
      if (r.until().filter(u -> !turnStart.isBefore(u)).isPresent()
          || !toInstant(turnStart, zone).isBefore(to)) {
        return out;
      }
      LocalDateTime turnEnd = r.frequency().advance(r.start(), (k + 1) * r.interval());
      if (prefix == null) {
        emit(r, turnStart, end(r, turnStart, turnEnd), group(r, k), from, to, out);
      } else if (r.byDay().contains(turnStart.getDayOfWeek())) {
        emit(r, turnStart, end(r, turnStart, turnEnd), group(r, maskedBefore(prefix, k)), from, to, out);
      }
    }
  }

  private static List<RawShift> expandDays(Rotation r, Instant from, Instant to) {
    List<RawShift> out = new ArrayList<>();
    LocalDate first = r.start().toLocalDate();
    LocalDate day = LocalDateTime.ofInstant(from, r.zone()).toLocalDate().minusDays(2);
    if (day.isBefore(first)) {
      day = first;
    }
    LocalDate last = LocalDateTime.ofInstant(to, r.zone()).toLocalDate().plusDays(1);
    long matched = r.frequency() == Frequency.DAILY ? matchingDaysBetween(r, first, day) : 0;
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      LocalDateTime shiftStart = day.atTime(r.handoffTime());
      if (r.until().filter(u -> !shiftStart.isBefore(u)).isPresent()) {
        return out;
      }
      if (!r.matches(day)) {
        continue;
      }
      long turn = turnOf(r, first, day, matched++);
      if (turn >= 0) {
        emit(r, shiftStart, end(r, shiftStart, shiftStart.plusDays(1)), group(r, turn), from, to, out);
      }
    }
    return out;
  }

  /** The turn a matching day belongs to, or -1 when it falls in a week or month between turns. */
  private static long turnOf(Rotation r, LocalDate first, LocalDate day, long matchedBefore) {
    long period = switch (r.frequency()) {
      case DAILY -> matchedBefore;
      case WEEKLY -> ChronoUnit.DAYS.between(weekOf(r, first), weekOf(r, day)) / 7;
      case MONTHLY -> monthIndex(day) - monthIndex(first);
      case HOURLY -> throw new IllegalStateException("hourly rotations expand by turns");
    };
    if (r.frequency() == Frequency.DAILY) {
      return period / r.interval();
    }
    return period % r.interval() == 0 ? period / r.interval() : -1;
  }

  private static LocalDate weekOf(Rotation r, LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(r.weekStart()));
  }

  private static long monthIndex(LocalDate day) {
    return day.getYear() * 12L + day.getMonthValue();
  }

  /** How many days in {@code [from, to)} match the filter; O(1) for a weekday mask alone. */
  static long matchingDaysBetween(Rotation r, LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to);
    if (days <= 0) {
      return 0;
    }
    long count = 0;
    LocalDate day = from;
    if (r.byMonthDay().isEmpty()) {
      count = days / 7 * r.byDay().size();
      day = from.plusDays(days / 7 * 7);
    }
    for (; day.isBefore(to); day = day.plusDays(1)) {
      if (r.matches(day)) {
        count++;
      }
    }
    return count;
  }

  private static LocalDateTime end(Rotation r, LocalDateTime shiftStart, LocalDateTime nextHandoff) {
    Optional<java.time.Duration> length = r.shiftLength();
    return length.isPresent() ? shiftStart.plus(length.get()) : nextHandoff;
  }

  private static void emit(Rotation r, LocalDateTime start, LocalDateTime end, List<UserId> users,
      Instant from, Instant to, List<RawShift> out) {
    LocalDateTime clippedEnd = r.until().filter(end::isAfter).orElse(end);
    LocalDateTime clippedStart = r.activeFrom().filter(start::isBefore).orElse(start);
    Instant s = toInstant(clippedStart, r.zone());
    Instant e = toInstant(clippedEnd, r.zone());
    if (e.isAfter(s) && e.isAfter(from) && s.isBefore(to)) {
      out.add(new RawShift(s, e, users));
    }
  }

  static Instant toInstant(LocalDateTime local, ZoneId zone) {
    return local.atZone(zone).toInstant();
  }

  private static List<UserId> group(Rotation r, long turn) {
    List<List<UserId>> groups = r.userGroups();
    return groups.get((int) ((turn + r.startUserIndex()) % groups.size()));
  }

  /** prefix[j] = how many of turns 0..j-1 of one weekday period match the mask; length period+1. */
  private static int[] maskPrefix(Rotation r) {
    int period = 168 / gcd(r.interval() % 168, 168);
    int[] prefix = new int[period + 1];
    for (int j = 0; j < period; j++) {
      DayOfWeek day = r.frequency().advance(r.start(), (long) j * r.interval()).getDayOfWeek();
      prefix[j + 1] = prefix[j] + (r.byDay().contains(day) ? 1 : 0);
    }
    return prefix;
  }

  private static long maskedBefore(int[] prefix, long k) {
    int period = prefix.length - 1;
    return (k / period) * prefix[period] + prefix[(int) (k % period)];
  }

  private static int gcd(int a, int b) {
    return b == 0 ? (a == 0 ? 1 : a) : gcd(b, a % b);
  }
}
