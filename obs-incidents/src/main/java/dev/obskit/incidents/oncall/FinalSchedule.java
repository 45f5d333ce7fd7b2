package dev.obskit.incidents.oncall;

import dev.obskit.core.id.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolved schedule over a window: contiguous, non-overlapping {@link FinalShift}s covering
 * exactly {@code [from, to)}, gaps included as {@link ShiftSource#GAP} entries. Immutable and
 * thread-safe; {@link #whoIsOnCall(Instant)} is a binary search (O(log n), no allocation).
 */
public final class FinalSchedule {
  private final Instant from;
  private final Instant to;
  private final List<FinalShift> shifts;
  private final Instant[] starts;

  FinalSchedule(Instant from, Instant to, List<FinalShift> shifts) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.shifts = List.copyOf(shifts);
    this.starts = new Instant[this.shifts.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = this.shifts.get(i).start();
    }
  }

  /** Returns the window start (inclusive). */
  public Instant from() {
    return from;
  }

  /** Returns the window end (exclusive). */
  public Instant to() {
    return to;
  }

  /** Returns every interval in time order, gaps included. */
  public List<FinalShift> shifts() {
    return shifts;
  }

  /** Returns the intervals where somebody is on call. */
  public List<FinalShift> onCallShifts() {
    return shifts.stream().filter(s -> !s.isGap()).toList();
  }

  /** Returns the gaps (nobody on call), in time order. */
  public List<FinalShift> gaps() {
    return shifts.stream().filter(FinalShift::isGap).toList();
  }

  /** Returns the intervals where {@code user} is on call. */
  public List<FinalShift> shiftsOf(UserId user) {
    Objects.requireNonNull(user, "user");
    return shifts.stream().filter(s -> s.users().contains(user)).toList();
  }

  /**
   * Returns how long each user is on call in the window (real time), in order of first
   * appearance: the balance half of Grafana OnCall's schedule quality report.
   */
  public Map<UserId, Duration> onCallTimeByUser() {
    Map<UserId, Duration> out = new LinkedHashMap<>();
    for (FinalShift shift : shifts) {
      for (UserId user : shift.users()) {
        out.merge(user, shift.duration(), Duration::plus);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Returns whether {@code at} lies in this window. */
  public boolean covers(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  /** Returns the interval containing {@code at}, or empty outside the window. */
  public Optional<FinalShift> shiftAt(Instant at) {
    int i = indexAt(at);
    return i < 0 ? Optional.empty() : Optional.of(shifts.get(i));
  }

  /** Returns who is on call at {@code at}; empty in a gap or outside the window. */
  public List<UserId> whoIsOnCall(Instant at) {
    int i = indexAt(at);
    return i < 0 ? List.of() : shifts.get(i).users();
  }

  /** Returns the share of the window with somebody on call, 0 to 1. */
  public double coverage() {
    Duration window = Duration.between(from, to);
    Duration gaps = Duration.ZERO;
    for (FinalShift shift : shifts) {
      if (shift.isGap()) {
        gaps = gaps.plus(shift.duration());
      }
    }
    return window.isZero() ? 1.0 : 1.0 - (double) gaps.toMillis() / window.toMillis();
  }

  private int indexAt(Instant at) {
    if (!covers(Objects.requireNonNull(at, "at"))) {
      return -1;
    }
    int lo = 0;
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid].compareTo(at) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Override
  public String toString() {
    return "FinalSchedule[" + from + ", " + to + ", " + shifts.size() + " shifts]";
  }
}
