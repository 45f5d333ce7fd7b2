package dev.obskit.incidents.incident;

import dev.obskit.core.id.ServiceId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A repository filter a JDBC store can turn into a WHERE clause. Immutable.
 *
 * @param statuses statuses to include; empty means all
 * @param serviceId only this service, or null for any
 * @param createdFrom only incidents created at or after this instant, or null
 * @param createdTo only incidents created before this instant, or null
 */
public record IncidentQuery(Set<IncidentStatus> statuses, ServiceId serviceId, Instant createdFrom,
    Instant createdTo) {
  /** Copies the statuses. */
  public IncidentQuery {
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
  }

  /** Returns a query matching everything. */
  public static IncidentQuery all() {
    return new IncidentQuery(Set.of(), null, null, null);
  }

  /** Returns a query for incidents created in {@code [from, to)}. */
  public static IncidentQuery createdBetween(Instant from, Instant to) {
    return new IncidentQuery(Set.of(), null, Objects.requireNonNull(from, "from"),
        Objects.requireNonNull(to, "to"));
  }

  /** Returns a copy restricted to {@code service}. */
  public IncidentQuery forService(ServiceId service) {
    return new IncidentQuery(statuses, service, createdFrom, createdTo);
  }

  /** Returns whether {@code incident} matches. */
  public boolean matches(Incident incident) {
    return (statuses.isEmpty() || statuses.contains(incident.status()))
        && (serviceId == null || serviceId.equals(incident.serviceId()))
        && (createdFrom == null || !incident.createdAt().isBefore(createdFrom))
        && (createdTo == null || incident.createdAt().isBefore(createdTo));
  }
}
