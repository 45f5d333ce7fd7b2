package dev.obskit.incidents.oncall;

import dev.obskit.core.id.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes the final schedule, following Grafana OnCall's {@code on_call_schedule.py}.
 *
 * <ol>
 *   <li>Expand every layer's rotation over the window and clip overrides to it.
 *   <li>Apply accepted cover requests in the order they were asked: a candidate that overlaps the
 *       cover window and contains the requester is split into before / inside / after, and inside
 *       the requester is replaced by whoever covers.
 *   <li>Rank the candidates: each override alone (the most recently added first), then layers by
 *       descending priority level; every layer of one level shares its rank.
 *   <li>Sweep the window cut at every candidate boundary: each piece belongs to all active
 *       candidates of the best rank present, so two rotations of one priority level that overlap
 *       put both users on call (Grafana keeps every event of a level), and a lower level only
 *       fills the holes of higher ones. The active list holds the shifts running at one instant,
 *       so the sweep costs O(pieces × concurrent shifts).
 *   <li>Pieces with nobody are the gaps; adjacent pieces with the same users and origin are merged
 *       (a weekend of two daily shifts is one shift).
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

  /**
   * Cuts the window at every candidate boundary; each piece belongs to the best-ranked candidates
   * active over it (all of them when a priority level has several: Grafana keeps every event of a
   * level), or is a gap. Adjacent pieces with the same people and origin are merged.
   */
  private static List<FinalShift> sweep(List<Candidate> sorted, Instant from, Instant to) {
    TreeSet<Instant> cuts = new TreeSet<>();
    cuts.add(from);
    cuts.add(to);
    for (Candidate c : sorted) {
      cuts.add(c.start());
      cuts.add(c.end());
    }
    List<Candidate> byStart = new ArrayList<>(sorted);
    byStart.sort(Comparator.comparing(Candidate::start));
    List<Candidate> active = new ArrayList<>();
    List<FinalShift> out = new ArrayList<>(sorted.size() + 8);
    int next = 0;
    Instant pieceStart = null;
    for (Instant cut : cuts) {
      if (pieceStart != null) {
        append(out, piece(pieceStart, cut, active));
      }
      final Instant at = cut;
      active.removeIf(c -> !c.end().isAfter(at));
      while (next < byStart.size() && !byStart.get(next).start().isAfter(cut)) {
        active.add(byStart.get(next++));
      }
      pieceStart = cut;
    }
    return out;
  }

  /** Who holds {@code [s, e)}: the union of the best-ranked active candidates, or a gap. */
  private static FinalShift piece(Instant s, Instant e, List<Candidate> active) {
    if (active.isEmpty()) {
      return FinalShift.gap(s, e);
    }
    List<Candidate> winners = new ArrayList<>(2);
    for (Candidate c : active) {
      if (winners.isEmpty() || c.rank() < winners.get(0).rank()) {
        winners.clear();
        winners.add(c);
      } else if (c.rank() == winners.get(0).rank()) {
        winners.add(c);
      }
    }
    if (winners.size() == 1) {
      Candidate c = winners.get(0);
      return new FinalShift(s, e, c.users(), c.source(), c.origin(), c.covers());
    }
    winners.sort(PRECEDENCE);
    Set<UserId> users = new LinkedHashSet<>();
    Set<String> origins = new LinkedHashSet<>();
    Set<CoverRequestId> covers = new LinkedHashSet<>();
    for (Candidate c : winners) {
      users.addAll(c.users());
      origins.add(c.origin());
      covers.addAll(c.covers());
    }
    return new FinalShift(s, e, List.copyOf(users), winners.get(0).source(),
        String.join(", ", origins), List.copyOf(covers));
  }

  /** Appends, merging with the previous piece when it is the same people from the same origin. */
  private static void append(List<FinalShift> out, FinalShift shift) {
    if (!out.isEmpty()) {
      FinalShift last = out.get(out.size() - 1);
      if (last.end().equals(shift.start()) && last.source() == shift.source()
          && last.origin().equals(shift.origin()) && last.covers().equals(shift.covers())
          && Set.copyOf(last.users()).equals(Set.copyOf(shift.users()))) {
        out.set(out.size() - 1, new FinalShift(last.start(), shift.end(), last.users(),
            last.source(), last.origin(), last.covers()));
        return;
      }
    }
    out.add(shift);
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
