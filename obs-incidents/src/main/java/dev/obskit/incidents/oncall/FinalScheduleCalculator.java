package dev.obskit.incidents.oncall;

import dev.obskit.core.id.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the final schedule, following Grafana OnCall's {@code on_call_schedule.py}.
 *
 * <ol>
 *   <li>Expand every layer's rotation over the window and clip overrides to it.
 *   <li>Apply accepted cover requests in the order they were asked: a candidate that overlaps the
 *       cover window and contains the requester is split into before / inside / after, and inside
 *       the requester is replaced by whoever covers.
 *   <li>Sort the candidates by precedence: overrides first (the most recently added first), then
 *       layers by descending priority, then by the start of the whole shift (unclipped, so the
 *       result does not depend on the window), then by layer order.
 *   <li>Sweep: each candidate keeps only the parts not already reserved by an earlier candidate
 *       (so a lower layer is clipped or split around higher ones and dropped if fully covered),
 *       and those parts become reserved. The reserved set is a {@link TreeMap} of disjoint,
 *       coalesced intervals, so each candidate costs O(log n + overlaps).
 *   <li>The holes left in {@code [from, to)} are the gaps.
 * </ol>
 *
 * Stateless and thread-safe.
 */
final class FinalScheduleCalculator {
  private static final Comparator<Candidate> PRECEDENCE = Comparator
      .comparingInt(Candidate::rank)
      .thenComparing(Candidate::shiftStart)
      .thenComparingInt(Candidate::tieBreak);

  private FinalScheduleCalculator() {}

  /**
   * A shift competing for time; lower rank wins. {@code shiftStart} is the unclipped start of the
   * whole shift, so that ties between equal priorities do not depend on where the window begins.
   */
  private record Candidate(Instant start, Instant end, List<UserId> users, ShiftSource source,
      String origin, List<CoverRequestId> covers, int rank, int tieBreak, Instant shiftStart) {
    Candidate slice(Instant s, Instant e) {
      return new Candidate(s, e, users, source, origin, covers, rank, tieBreak, shiftStart);
    }
  }

  static FinalSchedule compute(Schedule schedule, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from " + from + ", got " + to);
    }
    List<Candidate> candidates = candidates(schedule, from, to);
    for (CoverRequest cover : schedule.coverRequests()) {
      if (cover.state() == CoverState.ACCEPTED) {
        candidates = applyCover(candidates, cover);
      }
    }
    candidates.sort(PRECEDENCE);
    return new FinalSchedule(from, to, sweep(candidates, from, to));
  }

  private static List<Candidate> candidates(Schedule schedule, Instant from, Instant to) {
    List<Candidate> out = new ArrayList<>();
    List<ScheduleOverride> overrides = schedule.overrides();
    int n = overrides.size();
    for (int i = 0; i < n; i++) {
      ScheduleOverride o = overrides.get(i);
      if (o.end().isAfter(from) && o.start().isBefore(to)) {
        // rank: all overrides (negative) before all layers; later overrides first.
        out.add(new Candidate(max(o.start(), from), min(o.end(), to), o.users(),
            ShiftSource.OVERRIDE, o.id().value(), List.of(), -1 - i, 0, o.start()));
      }
    }
    List<Layer> layers = schedule.layers();
    for (int li = 0; li < layers.size(); li++) {
      Layer layer = layers.get(li);
      for (RotationExpander.RawShift raw : RotationExpander.expand(layer.rotation(), from, to)) {
        out.add(new Candidate(max(raw.start(), from), min(raw.end(), to), raw.users(),
            ShiftSource.LAYER, layer.name(), List.of(), Layer.MAX_PRIORITY - layer.priority(), li,
            raw.start()));
      }
    }
    return out;
  }

  private static List<Candidate> applyCover(List<Candidate> in, CoverRequest cover) {
    UserId requester = cover.requester();
    UserId by = cover.coveredBy().orElseThrow();
    List<Candidate> out = new ArrayList<>(in.size() + 4);
    for (Candidate c : in) {
      if (!c.users().contains(requester) || !c.end().isAfter(cover.start())
          || !c.start().isBefore(cover.end())) {
        out.add(c);
        continue;
      }
      Instant s = max(c.start(), cover.start());
      Instant e = min(c.end(), cover.end());
      if (c.start().isBefore(s)) {
        out.add(c.slice(c.start(), s));
      }
      out.add(new Candidate(s, e, substitute(c.users(), requester, by), c.source(), c.origin(),
          append(c.covers(), cover.id()), c.rank(), c.tieBreak(), c.shiftStart()));
      if (e.isBefore(c.end())) {
        out.add(c.slice(e, c.end()));
      }
    }
    return out;
  }

  private static List<FinalShift> sweep(List<Candidate> sorted, Instant from, Instant to) {
    TreeMap<Instant, Instant> reserved = new TreeMap<>();
    List<FinalShift> out = new ArrayList<>(sorted.size() + 8);
    for (Candidate c : sorted) {
      Instant cursor = c.start();
      Map.Entry<Instant, Instant> floor = reserved.floorEntry(cursor);
      if (floor != null && floor.getValue().isAfter(cursor)) {
        cursor = floor.getValue();
      }
      List<Instant[]> pieces = new ArrayList<>(2);
      for (Map.Entry<Instant, Instant> r : reserved.subMap(c.start(), false, c.end(), false).entrySet()) {
        if (r.getKey().isAfter(cursor)) {
          pieces.add(new Instant[] {cursor, r.getKey()});
        }
        cursor = max(cursor, r.getValue());
      }
      if (cursor.isBefore(c.end())) {
        pieces.add(new Instant[] {cursor, c.end()});
      }
      for (Instant[] p : pieces) {
        out.add(new FinalShift(p[0], p[1], c.users(), c.source(), c.origin(), c.covers()));
        reserve(reserved, p[0], p[1]);
      }
    }
    addGaps(reserved, from, to, out);
    out.sort(Comparator.comparing(FinalShift::start));
    return out;
  }

  /** Adds [s, e), which overlaps nothing reserved, coalescing with touching neighbours. */
  private static void reserve(TreeMap<Instant, Instant> reserved, Instant s, Instant e) {
    Map.Entry<Instant, Instant> before = reserved.floorEntry(s);
    if (before != null && before.getValue().equals(s)) {
      s = before.getKey();
    }
    Instant after = reserved.remove(e);
    if (after != null) {
      e = after;
    }
    reserved.put(s, e);
  }

  private static void addGaps(TreeMap<Instant, Instant> reserved, Instant from, Instant to,
      List<FinalShift> out) {
    Instant cursor = from;
    for (Map.Entry<Instant, Instant> r : reserved.entrySet()) {
      if (r.getKey().isAfter(cursor)) {
        out.add(FinalShift.gap(cursor, r.getKey()));
      }
      cursor = max(cursor, r.getValue());
    }
    if (cursor.isBefore(to)) {
      out.add(FinalShift.gap(cursor, to));
    }
  }

  private static List<UserId> substitute(List<UserId> users, UserId requester, UserId by) {
    List<UserId> out = new ArrayList<>(users.size());
    for (UserId u : users) {
      UserId next = u.equals(requester) ? by : u;
      if (!out.contains(next)) {
        out.add(next);
      }
    }
    return out;
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
