package dev.obskit.statuspages;

import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.core.availability.DayAvailability;
import dev.obskit.core.availability.MonitorStatus;
import dev.obskit.core.availability.RangeAvailability;
import dev.obskit.core.id.MonitorId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An availability view over hand-written day figures and hour-level downtime for ranges. */
final class FakeAvailability implements AvailabilityView {
  final Map<MonitorId, MonitorStatus> status = new ConcurrentHashMap<>();
  final Map<MonitorId, Map<LocalDate, DayAvailability>> days = new ConcurrentHashMap<>();
  /** Downtime intervals per monitor, for range queries. */
  final Map<MonitorId, List<Instant[]>> down = new ConcurrentHashMap<>();

  void day(MonitorId id, String day, double upHours, double downHours, double maintHours) {
    days.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(LocalDate.parse(day),
        new DayAvailability(LocalDate.parse(day), (long) (upHours * 3_600_000),
            (long) (downHours * 3_600_000), (long) (maintHours * 3_600_000)));
  }

  void downBetween(MonitorId id, String from, String to) {
    down.computeIfAbsent(id, k -> new ArrayList<>())
        .add(new Instant[] {Instant.parse(from), Instant.parse(to)});
  }

  @Override
  public Optional<MonitorStatus> status(MonitorId id) {
    return Optional.ofNullable(status.get(id));
  }

  @Override
  public Optional<String> name(MonitorId id) {
    return Optional.of(id.value());
  }

  @Override
  public List<DayAvailability> daily(MonitorId id, LocalDate first, LocalDate last) {
    List<DayAvailability> out = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      out.add(days.getOrDefault(id, Map.of()).getOrDefault(d, DayAvailability.empty(d)));
    }
    return out;
  }

  @Override
  public RangeAvailability range(MonitorId id, Instant from, Instant to) {
    long d = 0;
    for (Instant[] iv : down.getOrDefault(id, List.of())) {
      long s = Math.max(from.toEpochMilli(), iv[0].toEpochMilli());
      long e = Math.min(to.toEpochMilli(), iv[1].toEpochMilli());
      d += Math.max(0, e - s);
    }
    long total = to.toEpochMilli() - from.toEpochMilli();
    return RangeAvailability.of(from, to, total - d, d, 0);
  }

  static LocalDate utc(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }
}
