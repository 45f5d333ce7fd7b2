package dev.obskit.incidents.metrics;

import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.IncidentRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes TTA/TTR distributions and MTBF from stored incidents. Stateless and thread-safe; reads
 * the repository on every call.
 *
 * <p>Definitions: TTA = first acknowledgement - opening; TTR = resolution - opening (an incident
 * resolved without acknowledgement has a TTR but no TTA); MTBF = mean operating time between
 * failures, i.e. the mean gap from one incident's resolution to the next incident's opening, over
 * consecutive incidents of the range ordered by opening (overlapping incidents count a zero gap).
 */
public final class IncidentMetrics {
  private final IncidentRepository repository;

  /** Creates the calculator over {@code repository}. */
  public IncidentMetrics(IncidentRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  /** Returns the team's metrics for incidents created in {@code [from, to)}. */
  public ResponseReport forTeam(TeamId team, Instant from, Instant to) {
    return report(repository.listAll(team, IncidentQuery.createdBetween(from, to)), from, to);
  }

  /** Returns one service's metrics for incidents created in {@code [from, to)}. */
  public ResponseReport forService(TeamId team, ServiceId service, Instant from, Instant to) {
    return report(repository.listAll(team, IncidentQuery.createdBetween(from, to)
        .forService(Objects.requireNonNull(service, "service"))), from, to);
  }

  /** Returns the metrics of the given incidents. */
  public static ResponseReport report(List<Incident> incidents, Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range end " + to + " is before its start " + from);
    }
    List<Duration> tta = new ArrayList<>();
    List<Duration> ttr = new ArrayList<>();
    int open = 0;
    for (Incident i : incidents) {
      i.timeToAcknowledge().ifPresent(tta::add);
      i.timeToResolve().ifPresent(ttr::add);
      if (i.status().isOpen()) {
        open++;
      }
    }
    return new ResponseReport(from, to, incidents.size(), ResponseStats.of(tta),
        ResponseStats.of(ttr), mtbf(incidents), open);
  }

  static Optional<Duration> mtbf(List<Incident> incidents) {
    List<Incident> sorted = new ArrayList<>(incidents);
    sorted.sort(Comparator.comparing(Incident::createdAt));
    Duration total = Duration.ZERO;
    int gaps = 0;
    for (int k = 1; k < sorted.size(); k++) {
      Incident prev = sorted.get(k - 1);
      if (prev.resolvedAt() == null) {
        continue;
      }
      Duration gap = Duration.between(prev.resolvedAt(), sorted.get(k).createdAt());
      total = total.plus(gap.isNegative() ? Duration.ZERO : gap);
      gaps++;
    }
    return gaps == 0 ? Optional.empty() : Optional.of(total.dividedBy(gaps));
  }
}
