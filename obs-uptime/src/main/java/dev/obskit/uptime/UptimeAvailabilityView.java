package dev.obskit.uptime;

import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.core.availability.DayAvailability;
import dev.obskit.core.availability.MonitorStatus;
import dev.obskit.core.availability.RangeAvailability;
import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.availability.AvailabilitySummary;
import dev.obskit.uptime.availability.BucketStats;
import dev.obskit.uptime.availability.Granularity;
import dev.obskit.uptime.heartbeat.HeartbeatStatus;
import dev.obskit.uptime.state.MonitorState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The core {@link AvailabilityView} over this module's monitors, heartbeats and availability
 * store; registered with the kit by {@link UptimeModule#create}. Thread-safe.
 */
final class UptimeAvailabilityView implements AvailabilityView {
  private final UptimeModule uptime;

  UptimeAvailabilityView(UptimeModule uptime) {
    this.uptime = uptime;
  }

  @Override
  public Optional<MonitorStatus> status(MonitorId id) {
    Objects.requireNonNull(id, "id");
    return uptime.state(id).or(() -> uptime.heartbeats().status(id).map(HeartbeatStatus::state))
        .map(UptimeAvailabilityView::toCore);
  }

  @Override
  public Optional<String> name(MonitorId id) {
    Objects.requireNonNull(id, "id");
    return uptime.monitor(id).map(m -> m.name()).or(() -> uptime.heartbeats().list().stream()
        .filter(h -> h.id().equals(id)).map(h -> h.name()).findFirst());
  }

  @Override
  public List<DayAvailability> daily(MonitorId id, LocalDate first, LocalDate last) {
    Objects.requireNonNull(id, "id");
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    if (days < 1 || days > 366) {
      throw new IllegalArgumentException("day range " + first + ".." + last
          + " must hold 1 to 366 days");
    }
    Map<LocalDate, BucketStats> byDay = new HashMap<>();
    if (known(id)) {
      for (BucketStats b : uptime.availability().buckets(id, Granularity.DAY, startOf(first),
          startOf(last.plusDays(1)))) {
        byDay.put(LocalDate.ofInstant(b.start(), ZoneOffset.UTC), b);
      }
    }
    List<DayAvailability> out = new ArrayList<>((int) days);
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      BucketStats b = byDay.get(d);
      out.add(b == null ? DayAvailability.empty(d)
          : new DayAvailability(d, b.upMillis(), b.downMillis(), b.maintenanceMillis()));
    }
    return out;
  }

  @Override
  public RangeAvailability range(MonitorId id, Instant from, Instant to) {
    Objects.requireNonNull(id, "id");
    if (!known(id)) {
      return RangeAvailability.of(from, to, 0, 0, 0);
    }
    AvailabilitySummary s = uptime.availability().summary(id, from, to);
    return new RangeAvailability(from, to, s.upMillis(), s.downMillis(), s.maintenanceMillis(),
        s.uptimePercent());
  }

  private static MonitorStatus toCore(MonitorState s) {
    return switch (s) {
      case UP -> MonitorStatus.UP;
      case DOWN -> MonitorStatus.DOWN;
      case PENDING -> MonitorStatus.PENDING;
      case MAINTENANCE -> MonitorStatus.MAINTENANCE;
      case PAUSED -> MonitorStatus.PAUSED;
    };
  }

  private boolean known(MonitorId id) {
    return uptime.state(id).isPresent() || uptime.heartbeats().status(id).isPresent()
        || uptime.availability().monitorIds().contains(id);
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
