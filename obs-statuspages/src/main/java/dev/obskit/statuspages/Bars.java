package dev.obskit.statuspages;

import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.core.availability.DayAvailability;
import dev.obskit.core.availability.RangeAvailability;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a resource's daily bars from the availability view (monitors, heartbeats), published
 * status reports (partial, degraded, and the outages of hand-driven components) and maintenance
 * windows (downtime inside a window counts as maintenance). Stateless and thread-safe.
 */
final class Bars {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private final double partialWeight;
  private final double degradedWeight;

  Bars(double partialWeight, double degradedWeight) {
    this.partialWeight = partialWeight;
    this.degradedWeight = degradedWeight;
  }

  /** A status held by a resource over [from, to). */
  record Interval(Instant from, Instant to, ComponentStatus status) {}

  List<DayBar> compute(StatusPage page, Resource r, Optional<AvailabilityView> view,
      List<Interval> reported, List<Interval> maintenance, Instant now) {
    LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = last.minusDays(page.historyDays() - 1L);
    List<DayAvailability> measured = r.monitor().isPresent() && view.isPresent()
        ? view.get().daily(r.monitor().get(), first, last) : List.of();
    long minIncident = page.minIncidentLength().toMillis();
    List<DayBar> bars = new ArrayList<>(page.historyDays());
    int i = 0;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1), i++) {
      long start = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      long end = Math.min(start + DAY, now.toEpochMilli());
      long up;
      long down;
      long maint;
      if (r.kind() == ResourceKind.MANUAL) {
        long from = Math.max(start, page.createdAt().toEpochMilli());
        long base = Math.max(0, end - from);
        maint = Math.min(base, overlap(maintenance, from, end, null)
            + overlap(reported, from, end, ComponentStatus.UNDER_MAINTENANCE));
        down = Math.min(base - maint, overlap(reported, from, end, ComponentStatus.MAJOR_OUTAGE));
        up = base - maint - down;
      } else {
        DayAvailability m = i < measured.size() ? measured.get(i) : DayAvailability.empty(d);
        long shifted = 0;
        if (m.downMillis() > 0 && view.isPresent()) {
          shifted = Math.min(m.downMillis(), downInside(view.get(), r, maintenance, start, end));
        }
        up = m.upMillis();
        down = m.downMillis() - shifted;
        maint = m.maintenanceMillis() + shifted;
      }
      long partial = Math.min(up, overlap(reported, start, end, ComponentStatus.PARTIAL_OUTAGE));
      long degraded = Math.min(up - partial,
          overlap(reported, start, end, ComponentStatus.DEGRADED));
      bars.add(bar(d, up, down, partial, degraded, maint, worstReported(reported, start, end),
          minIncident));
    }
    return bars;
  }

  UptimeFigure total(List<DayBar> bars) {
    long counted = 0;
    long down = 0;
    long partial = 0;
    long degraded = 0;
    long maint = 0;
    for (DayBar b : bars) {
      counted += b.countedMillis();
      down += b.downMillis();
      partial += b.partialMillis();
      degraded += b.degradedMillis();
      maint += b.maintenanceMillis();
    }
    return new UptimeFigure(bars.get(0).day(), bars.get(bars.size() - 1).day(), counted, down,
        partial, degraded, maint, percent(counted, down, partial, degraded));
  }

  private DayBar bar(LocalDate d, long up, long down, long partial, long degraded, long maint,
      ComponentStatus reportedWorst, long minIncident) {
    long counted = up + down;
    boolean hasData = counted + maint > 0;
    ComponentStatus status = ComponentStatus.OPERATIONAL;
    if (maint > 0) {
      status = ComponentStatus.UNDER_MAINTENANCE;
    }
    if (degraded > 0 && degraded >= minIncident) {
      status = status.worse(ComponentStatus.DEGRADED);
    }
    if (partial > 0 && partial >= minIncident) {
      status = status.worse(ComponentStatus.PARTIAL_OUTAGE);
    }
    if (down > 0 && down >= minIncident) {
      status = status.worse(ComponentStatus.MAJOR_OUTAGE);
    }
    if (reportedWorst != null && reportedWorst != ComponentStatus.UNDER_MAINTENANCE) {
      status = status.worse(reportedWorst);
    }
    return new DayBar(d, counted, down, partial, degraded, maint,
        percent(counted, down, partial, degraded), status, hasData);
  }

  private double percent(long counted, long down, long partial, long degraded) {
    if (counted == 0) {
      return 100.0;
    }
    double outage = down + partialWeight * partial + degradedWeight * degraded;
    return 100.0 * (counted - outage) / counted;
  }

  private static long downInside(AvailabilityView view, Resource r, List<Interval> windows,
      long start, long end) {
    long sum = 0;
    for (Interval w : windows) {
      long s = Math.max(start, w.from().toEpochMilli());
      long e = Math.min(end, w.to().toEpochMilli());
      if (e > s) {
        RangeAvailability ra = view.range(r.monitor().orElseThrow(), Instant.ofEpochMilli(s),
            Instant.ofEpochMilli(e));
        sum += Math.min(ra.downMillis(), e - s);
      }
    }
    return sum;
  }

  private static long overlap(List<Interval> intervals, long start, long end,
      ComponentStatus status) {
    long sum = 0;
    for (Interval iv : intervals) {
      if (status == null || iv.status() == status) {
        long s = Math.max(start, iv.from().toEpochMilli());
        long e = Math.min(end, iv.to().toEpochMilli());
        sum += Math.max(0, e - s);
      }
    }
    return sum;
  }

  private static ComponentStatus worstReported(List<Interval> intervals, long start, long end) {
    ComponentStatus worst = null;
    for (Interval iv : intervals) {
      if (iv.from().toEpochMilli() < end && iv.to().toEpochMilli() > start) {
        worst = worst == null ? iv.status() : worst.worse(iv.status());
      }
    }
    return worst;
  }
}
