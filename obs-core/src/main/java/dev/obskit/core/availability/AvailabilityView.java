package dev.obskit.core.availability;

import dev.obskit.core.id.MonitorId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of monitor and heartbeat availability, offered by the module that measures it
 * (obs-uptime registers one with {@code ObsContext.register(AvailabilityView.class, ...)}) and
 * read by modules that show it (status pages), so neither depends on the other.
 *
 * <p>Days are UTC days. Downtime and maintenance are kept apart: maintenance time is neither up
 * nor down and is excluded from the uptime ratio. Implementations are thread-safe and answer from
 * memory without blocking on I/O.
 */
public interface AvailabilityView {

  /** Returns the current status of a monitor or heartbeat, or empty when the id is unknown. */
  Optional<MonitorStatus> status(MonitorId id);

  /** Returns the display name of a monitor or heartbeat, or empty when the id is unknown. */
  Optional<String> name(MonitorId id);

  /**
   * Returns one entry per UTC day from {@code first} to {@code last} inclusive, oldest first; a
   * day without data (or an unknown id) has all figures zero.
   *
   * @throws IllegalArgumentException when {@code last} is before {@code first} or the range
   *     spans more than 366 days
   */
  List<DayAvailability> daily(MonitorId id, LocalDate first, LocalDate last);

  /**
   * Returns the availability over [from, to), with the same figure the measuring module reports
   * for that range (zero time and 100 % for an unknown id).
   */
  RangeAvailability range(MonitorId id, Instant from, Instant to);
}
