package dev.obskit.benchmarks.store;

import dev.obskit.billing.metering.IngestOutcome;
import dev.obskit.billing.metering.MeterCatalog;
import dev.obskit.billing.metering.MeteringService;
import dev.obskit.billing.metering.UsageLedger;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Store;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.grouping.GroupingStrategy;
import dev.obskit.errors.issue.EventId;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueId;
import dev.obskit.errors.issue.IssueRepository;
import dev.obskit.errors.issue.IssueStatus;
import dev.obskit.errors.issue.StoredEvent;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentRepository;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.store.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * obs-store-jdbc on the local PostgreSQL (127.0.0.1:5432, database test, a fresh schema per
 * trial), side by side with the in-memory implementations measured in the same run: usage ingest
 * with idempotency (one transaction per event: key row + aggregate), error events stored (issue
 * update + event insert with retention), and an incident open/acknowledge/resolve round trip.
 * Every operation is a real first write; a write that is not ACCEPTED/applied fails the run.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class StoreBenchmark {
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);
  private final AtomicLong seq = new AtomicLong();
  private final TeamId team = TeamId.of("bench");
  private final ProjectId project = ProjectId.of("1");
  private String schema;
  private JdbcStore pg;
  private MeteringService pgMetering;
  private MeteringService memMetering;
  private IssueRepository pgIssues;
  private EventRepository pgEvents;
  private IssueRepository memIssues;
  private EventRepository memEvents;
  private Issue pgIssue;
  private Issue memIssue;
  private IncidentService pgIncidents;
  private IncidentService memIncidents;

  @Setup(Level.Trial)
  public void open() {
    schema = "bench_" + Long.toHexString(System.nanoTime());
    pg = JdbcStore.builder().setUrl("jdbc:postgresql://127.0.0.1:5432/test").setUser("postgres")
        .setSchema(schema).setPoolSize(4).build();
    pg.open();
    pgMetering = new MeteringService(repo(pg, UsageLedger.class), MeterCatalog.defaults(), clock, 1_000);
    memMetering = new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(), clock, 1_000);
    pgIssues = repo(pg, IssueRepository.class);
    pgEvents = repo(pg, EventRepository.class);
    memIssues = IssueRepository.inMemory();
    memEvents = EventRepository.inMemory(JdbcStore.DEFAULT_EVENTS_PER_ISSUE);
    pgIssue = pgIssues.insert(issue());
    memIssue = memIssues.insert(issue());
    pgIncidents = new IncidentService(repo(pg, IncidentRepository.class), clock,
        IdGenerator.timeOrdered(clock), EventBus.synchronous());
    memIncidents = new IncidentService(Store.inMemory().repository(IncidentRepository.class)
        .orElseGet(dev.obskit.incidents.store.InMemoryIncidentRepository::new), clock,
        IdGenerator.timeOrdered(clock), EventBus.synchronous());
  }

  private static <R> R repo(Store store, Class<R> type) {
    return store.repository(type).orElseThrow();
  }

  private Issue issue() {
    return new Issue(IssueId.of("i1"), team, project, 1, "h1", "v1", GroupingStrategy.APP_STACKTRACE,
        "E: x", "a in b", dev.obskit.errors.event.Level.ERROR, IssueStatus.UNRESOLVED, null, 0, null, clock.instant(),
        clock.instant(), 1, 0, null, null, 0);
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    pg.close();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
        "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private UsageEvent usage() {
    long n = seq.incrementAndGet();
    return UsageEvent.of(team, Meters.ERROR_EVENTS, 1 + (n % 7), clock.instant(), "u-" + n);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public IngestOutcome usageIngestPostgres() {
    return accepted(pgMetering.ingest(usage()));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public IngestOutcome usageIngestInMemory() {
    return accepted(memMetering.ingest(usage()));
  }

  private static IngestOutcome accepted(IngestOutcome o) {
    if (o != IngestOutcome.ACCEPTED) {
      throw new IllegalStateException("usage not accepted: " + o);
    }
    return o;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Issue errorEventStoredPostgres() {
    pgIssue = storeEvent(pgIssues, pgEvents, pgIssue);
    return pgIssue;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Issue errorEventStoredInMemory() {
    memIssue = storeEvent(memIssues, memEvents, memIssue);
    return memIssue;
  }

  private Issue storeEvent(IssueRepository issues, EventRepository events, Issue current) {
    long n = seq.incrementAndGet();
    Issue next = new Issue(current.id(), current.teamId(), current.projectId(), current.version() + 1,
        current.groupHash(), current.groupingConfig(), current.strategy(), current.title(),
        current.culprit(), current.level(), current.status(), current.ignore(),
        current.ignoredEvents(), current.resolvedRelease(), current.firstSeen(), clock.instant(),
        current.count() + 1, current.usersAffected(), current.firstRelease(), current.lastRelease(),
        current.regressions());
    issues.update(next);
    ErrorEvent e = ErrorEvent.builder().eventId(String.format("%032x", n)).timestamp(clock.instant())
        .level(dev.obskit.errors.event.Level.ERROR).release("shop@1").tag("route", "/pay").build();
    if (!events.save(new StoredEvent(new EventId("e" + n), team, 1, project, current.id(),
        clock.instant(), e))) {
      throw new IllegalStateException("event not stored");
    }
    return next;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object incidentRoundTripPostgres() {
    return roundTrip(pgIncidents);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object incidentRoundTripInMemory() {
    return roundTrip(memIncidents);
  }

  private Object roundTrip(IncidentService incidents) {
    var id = incidents.open(IncidentDraft.manual(team, "db down", Severity.SEV2, null, null, "bench"))
        .incident().orElseThrow().id();
    if (!incidents.acknowledge(team, id, "user:a").isApplied()
        || !incidents.resolve(team, id, "user:a", "done").isApplied()) {
      throw new IllegalStateException("transition not applied");
    }
    return List.of(id);
  }
}
