package dev.obskit.incidents.metrics;

import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentRepository;
import dev.obskit.incidents.incident.IncidentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Exports incident response metrics as Micrometer meters (needs the optional {@code
 * io.micrometer:micrometer-core}). For each team, over a trailing window (default 30 days):
 *
 * <ul>
 *   <li>{@code obskit.incidents.open{team,status}}: open incidents by status;
 *   <li>{@code obskit.incidents.tta{team,stat=mean|p50|p90|p95|max}}: time to acknowledge (seconds);
 *   <li>{@code obskit.incidents.ttr{team,stat=...}}: time to resolve;
 *   <li>{@code obskit.incidents.mtbf{team}}: mean time between failures (NaN when undefined);
 *   <li>{@code obskit.incidents.count{team}}: incidents opened in the window.
 * </ul>
 * Reports are recomputed at most once per {@link #REFRESH} of the module clock, so a scrape never
 * scans the repository per meter. Thread-safe.
 */
public final class IncidentMetricsBinder implements MeterBinder {
  /** Default trailing window. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  /** Longest a computed report is reused. */
  public static final Duration REFRESH = Duration.ofSeconds(15);

  private final IncidentMetrics metrics;
  private final IncidentRepository repository;
  private final Clock clock;
  private final Duration window;
  private final List<TeamId> teams;
  private final Map<TeamId, Cached> cache = new ConcurrentHashMap<>();

  /** Creates a binder for {@code teams}. */
  public IncidentMetricsBinder(IncidentRepository repository, Clock clock, Duration window,
      List<TeamId> teams) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.metrics = new IncidentMetrics(repository);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
    this.teams = List.copyOf(teams);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (TeamId team : teams) {
      Tags tags = Tags.of("team", team.value());
      for (IncidentStatus status : List.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED)) {
        Gauge.builder("obskit.incidents.open", this, b -> b.open(team, status))
            .tags(tags.and("status", status.name())).description("Open incidents by status")
            .register(registry);
      }
      stats(registry, team, "obskit.incidents.tta", "Time to acknowledge", ResponseReport::timeToAcknowledge);
      stats(registry, team, "obskit.incidents.ttr", "Time to resolve", ResponseReport::timeToResolve);
      TimeGauge.builder("obskit.incidents.mtbf", this, TimeUnit.SECONDS,
              b -> b.report(team).meanTimeBetweenFailures().map(IncidentMetricsBinder::seconds)
                  .orElse(Double.NaN))
          .tags(tags).description("Mean time between failures").register(registry);
      Gauge.builder("obskit.incidents.count", this, b -> b.report(team).incidents())
          .tags(tags).description("Incidents opened in the window").register(registry);
    }
  }

  private void stats(MeterRegistry registry, TeamId team, String name, String description,
      Function<ResponseReport, ResponseStats> pick) {
    Map<String, Function<ResponseStats, Duration>> stats = Map.of("mean", ResponseStats::mean,
        "p50", ResponseStats::p50, "p90", ResponseStats::p90, "p95", ResponseStats::p95,
        "max", ResponseStats::max);
    stats.forEach((stat, f) -> TimeGauge.builder(name, this, TimeUnit.SECONDS,
            b -> seconds(f.apply(pick.apply(b.report(team)))))
        .tags(Tags.of("team", team.value(), "stat", stat)).description(description)
        .register(registry));
  }

  private double open(TeamId team, IncidentStatus status) {
    int n = 0;
    for (Incident i : repository.listOpen()) {
      if (i.teamId().equals(team) && i.status() == status) {
        n++;
      }
    }
    return n;
  }

  ResponseReport report(TeamId team) {
    Instant now = clock.instant();
    Cached c = cache.get(team);
    if (c == null || now.isAfter(c.at.plus(REFRESH)) || now.isBefore(c.at)) {
      c = new Cached(now, metrics.forTeam(team, now.minus(window), now.plusNanos(1)));
      cache.put(team, c);
    }
    return c.report;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private record Cached(Instant at, ResponseReport report) {}
}
