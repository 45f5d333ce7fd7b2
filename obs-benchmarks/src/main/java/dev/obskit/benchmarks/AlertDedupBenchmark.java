package dev.obskit.benchmarks;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.privacy.PiiScrubber;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * obs-core hot paths: merging a repeated alert trigger into its open alert (what every flapping
 * monitor does every check), and scrubbing an ordinary log line that contains no PII (what every
 * log event pays).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AlertDedupBenchmark {
  private AlertManager alerts;
  private Alert alert;
  private PiiScrubber scrubber;
  private String cleanLine;
  private String dirtyLine;

  @Setup
  public void setUp() {
    alerts = AlertManager.inMemory(Clock.systemUTC(), EventBus.synchronous(), IdGenerator.sequential("a"));
    alert = Alert.builder(TeamId.of("team-1"), "uptime:monitor:m-1")
        .setSeverity(AlertSeverity.CRITICAL)
        .setSummary("checkout-api is down")
        .build();
    alerts.trigger(alert);
    scrubber = PiiScrubber.defaults();
    cleanLine = "GET /api/orders/12345 completed in 37 ms with status 200 for tenant acme";
    dirtyLine = "login failed for jane.doe@example.com password=hunter2 card 4111 1111 1111 1111";
  }

  @Benchmark
  public Object triggerMergedIntoOpenAlert() {
    return alerts.trigger(alert);
  }

  @Benchmark
  public String scrubCleanLogLine() {
    return scrubber.scrubText(cleanLine);
  }

  @Benchmark
  public String scrubLineWithPii() {
    return scrubber.scrubText(dirtyLine);
  }
}
