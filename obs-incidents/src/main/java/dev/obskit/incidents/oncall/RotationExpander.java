package dev.obskit.incidents.oncall;

import dev.obskit.core.id.UserId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands a {@link Rotation} into concrete shifts over a window.
 *
 * <p>Design: all turn and shift boundaries are computed on the local calendar from the rotation's
 * anchor ({@code start + k × interval units}, never by adding to the previous turn, so a monthly
 * rotation anchored on the 31st does not drift to the 28th), then converted to instants with
 * {@link java.time.ZonedDateTime}. This is what keeps hand-offs at the same wall-clock time across
 * DST changes. Expansion starts one turn before the window (estimated from the unit count) because
 * a shift that began earlier may still be running.
 *
 * <p>With a weekday mask on an hourly or daily rotation, skipped turns do not advance the user
 * order. The weekday of turn {@code k} is periodic in {@code k} (period {@code 7 / gcd(days, 7)}
 * turns for daily, {@code 168 / gcd(hours, 168)} for hourly), so the number of matching turns
 * before {@code k} is computed in O(1) from one period's prefix counts rather than by counting
 * from the anchor.
 */
final class RotationExpander {
  private RotationExpander() {}

  /** A shift of one layer before resolution. */
  record RawShift(Instant start, Instant end, List<UserId> users) {}

  static List<RawShift> expand(Rotation r, Instant from, Instant to) {
    List<RawShift> out = new ArrayList<>();
    ZoneId zone = r.zone();
    LocalDateTime fromLocal = LocalDateTime.ofInstant(from, zone).minusDays(1);
    long units = r.frequency().unitsBetween(r.start(), fromLocal);
    long k = Math.max(0, units / r.interval() - 1);
    boolean masked = !r.byDay().isEmpty();
    int[] prefix = masked && r.frequency().rotatesPerOccurrence() ? maskPrefix(r) : null;
    for (; ; k++) {
      LocalDateTime turnStart = r.frequency().advance(r.start(), k * r.interval());
      if (r.until().filter(u -> !turnStart.isBefore(u)).isPresent()
          || !toInstant(turnStart, zone).isBefore(to)) {
        return out;
      }
      LocalDateTime turnEnd = r.frequency().advance(r.start(), (k + 1) * r.interval());
      if (prefix != null) {
        if (r.byDay().contains(turnStart.getDayOfWeek())) {
          emit(r, turnStart, end(r, turnStart, turnEnd), group(r, maskedBefore(prefix, k)), from, to, out);
        }
      } else if (!masked) {
        emit(r, turnStart, end(r, turnStart, turnEnd), group(r, k), from, to, out);
      } else {
        List<UserId> users = group(r, k);
        for (LocalDateTime day = turnStart; day.isBefore(turnEnd); day = day.plusDays(1)) {
          if (r.byDay().contains(day.getDayOfWeek())) {
            emit(r, day, end(r, day, day.plusDays(1)), users, from, to, out);
          }
        }
      }
    }
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
    int period = r.frequency() == Frequency.DAILY
        ? 7 / gcd(r.interval() % 7, 7)
        : 168 / gcd(r.interval() % 168, 168);
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
