package dev.obskit.benchmarks.errors;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.capture.CaptureConfig;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.capture.TrackerStats;
import io.sentry.Sentry;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calling-thread cost of capturing an exception: ObsKit's {@code ErrorTracker.capture} (queue
 * hand-off; conversion, grouping and storing run on its worker) against sentry-java's {@code
 * Sentry.captureException} with a transport that discards (everything up to the transport runs
 * on the caller). Same exceptions for both: a chain of three, about 30 frames deep, taken from a
 * pre-built pool with deduplication switched off on both sides, so exception construction is not
 * measured. {@code buildException} is the cost of making a fresh one, for reference.
 *
 * <p>The ObsKit worker runs on the other core and cannot keep up with a tight capture loop, so
 * most captures overflow the bounded queue and are dropped (cheaply, by design); the tear-down
 * prints the delivered and dropped counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ErrorsCaptureBenchmark {
  private static final int POOL = 4096;

  private ObsKit kit;
  private ErrorTracker tracker;
  private RuntimeException[] pool;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    pool = new RuntimeException[POOL];
    for (int i = 0; i < POOL; i++) {
      pool[i] = SampleErrors.chain(i);
    }
    ProjectConfig project = ProjectConfig.builder(ProjectId.of("bench"), TeamId.of("bench"))
        .addPublicKey("key").setMonthlyQuota(Long.MAX_VALUE).build();
    ErrorsConfig config = ErrorsConfig.builder().addProject(project).setInstallGlobalTracker(false)
        .setCapture(CaptureConfig.builder().addInAppPackage("dev.obskit.benchmarks")
            .setDeduplicate(false).setRelease("bench@1").setServerName("bench").build())
        .build();
    kit = dev.obskit.core.ObsKit.builder().setConfig(ConfigProperties.of(java.util.Map.of()))
        .addModule(ctx -> ErrorsModule.create(ctx, config)).build().start();
    tracker = kit.module(ErrorsModule.class).tracker();
    DiscardingSentry.init("dev.obskit.benchmarks");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    TrackerStats stats = tracker.stats();
    System.out.println("obskit capture stats: delivered=" + stats.delivered() + " dropped="
        + stats.dropped() + " queued=" + stats.captured() + " failed=" + stats.failed()
        + " frames/exception=" + pool[0].getStackTrace().length);
    Sentry.close();
    kit.shutdown();
  }

  private RuntimeException nextException() {
    RuntimeException e = pool[next];
    next = (next + 1) & (POOL - 1);
    return e;
  }

  @Benchmark
  public String obskitCapture() {
    return tracker.capture(nextException());
  }

  @Benchmark
  public Object sentryCaptureException() {
    return Sentry.captureException(nextException());
  }

  @Benchmark
  public Object buildException() {
    return SampleErrors.chain(next++);
  }

}
