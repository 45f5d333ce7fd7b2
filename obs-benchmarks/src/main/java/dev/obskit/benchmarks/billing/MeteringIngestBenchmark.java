package dev.obskit.benchmarks.billing;

import dev.obskit.billing.metering.IngestOutcome;
import dev.obskit.billing.metering.MeterCatalog;
import dev.obskit.billing.metering.MeteringService;
import dev.obskit.billing.metering.UsageLedger;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * obs-billing metering ingest with idempotency, in memory (goal: at least 1,000,000 events/s).
 * Each invocation meters a batch of {@value #BATCH} distinct events (1,000 teams, 4 meters, unique
 * idempotency keys) into a fresh ledger, so every event is a real first write: dedupe lookup, key
 * recorded, aggregate updated. {@code duplicateBatch} replays the same batch into a ledger that
 * already holds it (every event a duplicate); {@code viaEventBus} publishes on the synchronous
 * core bus, the path modules use. Scores are events/s; an invocation that does not count every
 * event exactly once fails the run (nothing is dropped or double counted silently).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MeteringIngestBenchmark {
  static final int BATCH = 100_000;
  private static final String[] METERS = {Meters.LOG_BYTES, Meters.ERROR_EVENTS,
      Meters.TRACE_BYTES, Meters.HTTP_TRAFFIC_BYTES};

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);
  private UsageEvent[] events;
  private MeteringService fresh;
  private MeteringService full;
  private EventBus bus;
  private final Map<IngestOutcome, Long> outcomes = new EnumMap<>(IngestOutcome.class);

  @Setup(Level.Trial)
  public void events() {
    events = new UsageEvent[BATCH];
    Instant base = clock.instant();
    for (int i = 0; i < BATCH; i++) {
      TeamId team = TeamId.of("team-" + (i % 1_000));
      events[i] = UsageEvent.of(team, METERS[i % METERS.length], 100 + (i % 4096),
          base.minusMillis(i), "evt-" + i);
    }
    full = service();
    for (UsageEvent e : events) {
      full.ingest(e);
    }
  }

  @Setup(Level.Invocation)
  public void freshLedger() {
    fresh = service();
    bus = EventBus.synchronous();
    bus.subscribe(UsageEvent.class, fresh::ingestOrQueue);
  }

  private MeteringService service() {
    return new MeteringService(UsageLedger.inMemory(), MeterCatalog.defaults(), clock, 1_000);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long firstWrites() {
    long accepted = 0;
    for (UsageEvent e : events) {
      if (fresh.ingest(e) == IngestOutcome.ACCEPTED) {
        accepted++;
      }
    }
    check(accepted, IngestOutcome.ACCEPTED);
    return accepted;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long duplicateBatch() {
    long duplicates = 0;
    for (UsageEvent e : events) {
      if (full.ingest(e) == IngestOutcome.DUPLICATE) {
        duplicates++;
      }
    }
    check(duplicates, IngestOutcome.DUPLICATE);
    return duplicates;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int viaEventBus() {
    for (UsageEvent e : events) {
      bus.publish(e);
    }
    return fresh.pendingCount();
  }

  @TearDown(Level.Invocation)
  public void verifyNothingLost() {
    if (fresh.pendingCount() != 0 || fresh.droppedCount() != 0) {
      throw new IllegalStateException("failed writes: " + fresh.pendingCount() + " pending, "
          + fresh.droppedCount() + " dropped");
    }
  }

  private void check(long counted, IngestOutcome outcome) {
    outcomes.merge(outcome, counted, Long::sum);
    if (counted != BATCH) {
      throw new IllegalStateException("expected " + BATCH + " " + outcome + ", got " + counted);
    }
  }
}
