package dev.obskit.incidents.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A reminder that a cover request is still pending before its window starts (Grafana OnCall's shift
 * swap follow-ups: 4, 3, 2 and 1 weeks, 3, 2 and 1 days, and 12 hours before the start). Immutable.
 *
 * @param request the pending request
 * @param remindAt when the reminder falls due ({@code request.start() - beforeStart})
 * @param beforeStart which offset this reminder is
 */
public record CoverReminder(CoverRequest request, Instant remindAt, Duration beforeStart) {
  /** Grafana OnCall's follow-up offsets, longest first. */
  public static final List<Duration> DEFAULT_OFFSETS = List.of(Duration.ofDays(28),
      Duration.ofDays(21), Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(3),
      Duration.ofDays(2), Duration.ofDays(1), Duration.ofHours(12));

  /** Validates the components. */
  public CoverReminder {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(remindAt, "remindAt");
    Objects.requireNonNull(beforeStart, "beforeStart");
  }

  /**
   * Returns the reminders of {@code requests} falling due in {@code (after, upTo]}: one per offset
   * whose point lies there, for requests still pending at {@code upTo} and asked before the point.
   * A host that calls this on each tick with the previous tick's instant as {@code after} sends
   * every reminder exactly once, with no stored state. Sorted by due time.
   */
  static List<CoverReminder> due(List<CoverRequest> requests, List<Duration> offsets,
      Instant after, Instant upTo) {
    List<CoverReminder> out = new ArrayList<>();
    for (CoverRequest r : requests) {
      if (r.stateAt(upTo) != CoverState.PENDING) {
        continue;
      }
      for (Duration offset : offsets) {
        Instant point = r.start().minus(offset);
        if (point.isAfter(after) && !point.isAfter(upTo) && point.isAfter(r.createdAt())) {
          out.add(new CoverReminder(r, point, offset));
        }
      }
    }
    out.sort(Comparator.comparing(CoverReminder::remindAt));
    return out;
  }
}
