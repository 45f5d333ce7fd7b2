package dev.obskit.benchmarks.incidents;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.AlertIntake;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.incident.TransitionResult;
import dev.obskit.incidents.store.InMemoryIncidentRepository;
import dev.obskit.incidents.store.InMemoryServiceCatalog;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * obs-incidents hot paths (no competitor is named for these; PagerDuty is a service, not a
 * library): a repeated alert merged end to end into its open incident (alert manager, event bus,
 * alert intake, catalog lookup, versioned incident update), and a full open, acknowledge, resolve
 * cycle of a hand-opened incident (three versioned writes with their timeline entries).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class IncidentLifecycleBenchmark {
  private static final TeamId TEAM = TeamId.of("team-1");
  private AlertManager alerts;
  private Alert alert;
  private IncidentService incidents;

  @Setup(Level.Iteration)
  public void setUp() {
    EventBus bus = EventBus.synchronous();
    Clock clock = Clock.systemUTC();
    // A fresh repository per iteration keeps the heap flat while the cycle benchmark opens incidents.
    incidents = new IncidentService(new InMemoryIncidentRepository(), clock,
        IdGenerator.timeOrdered(clock), bus);
    AlertIntake intake = new AlertIntake(incidents, new InMemoryServiceCatalog(), a -> null, true);
    bus.subscribe(AlertEvent.class, intake::onAlert);
    alerts = AlertManager.inMemory(clock, bus, IdGenerator.sequential("a"));
    alert = Alert.builder(TEAM, "uptime:monitor:m-1").setSource("obs-uptime/m-1")
        .setSeverity(AlertSeverity.CRITICAL).setSummary("checkout-api is down").build();
    alerts.trigger(alert);
  }

  @Benchmark
  public Object repeatedAlertMergedIntoOpenIncident() {
    return alerts.trigger(alert);
  }

  @Benchmark
  public Object openAcknowledgeResolve() {
    TransitionResult opened = incidents.open(IncidentDraft.manual(TEAM, "db latency", Severity.SEV2,
        null, null, "user:alice"));
    IncidentId id = opened.incident().orElseThrow().id();
    incidents.acknowledge(TEAM, id, "user:alice");
    return incidents.resolve(TEAM, id, "user:alice", "");
  }
}
