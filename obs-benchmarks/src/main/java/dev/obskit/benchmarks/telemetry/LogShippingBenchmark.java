package dev.obskit.benchmarks.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@code logger.info("order {} processed for user {}", i, "u42")} through four logback appenders,
 * side by side in one run: ObsKit (durable Chronicle buffer, shipping to a local Better Stack
 * endpoint), logback AsyncAppender over a FileAppender, Loki4j 2.1.0 and logback-logtail 0.3.5
 * (both shipping to a local HTTP endpoint). Each competitor has its own LoggerContext.
 *
 * <p>Throughput methods report, besides calls/s, the auxiliary counters {@code delivered} (events
 * that reached the endpoint or file, or for ObsKit were durably buffered) and {@code dropped}
 * (known drops) per second: a fast call that drops is not fast logging. {@code shipped} counts
 * what reached the endpoint or file during the iteration; for every competitor but ObsKit it equals
 * {@code delivered}, for ObsKit it shows how far the sender kept up with the durable buffer. Latency methods
 * (SampleTime) give the calling thread's per-call percentiles.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogShippingBenchmark {
  @Param({"obskit", "logback-async-file", "loki4j", "logtail"})
  public String appender;

  Competitor competitor;
  private Path dir;
  long deliveredAtIterationStart;
  long droppedAtIterationStart;
  long shippedAtIterationStart;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    quietDefaultLogging();
    dir = Files.createTempDirectory("obskit-bench-logs");
    competitor = Competitor.create(appender, dir);
  }

  /**
   * The libraries' own diagnostics (Chronicle logs every chunk allocation at INFO, and the default
   * logback context prints DEBUG) go to the console of the forked JVM; at WARN they no longer cost
   * the measured threads a console write. Applies to every competitor alike.
   */
  static void quietDefaultLogging() {
    org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger) {
      ((ch.qos.logback.classic.Logger) root).setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  @Setup(Level.Iteration)
  public void markIteration() {
    deliveredAtIterationStart = competitor.delivered();
    droppedAtIterationStart = competitor.dropped();
    shippedAtIterationStart = competitor.shipped();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    competitor.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Per-thread call sequence and the delivered/dropped share this thread reports. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Delivery {
    public long delivered;
    public long dropped;
    /** Events that reached the endpoint or file in the iteration (for ObsKit: shipped so far). */
    public long shipped;
    int seq;

    @Setup(Level.Iteration)
    public void reset() {
      delivered = 0;
      dropped = 0;
      shipped = 0;
    }

    @TearDown(Level.Iteration)
    public void count(LogShippingBenchmark b, BenchmarkParams params) {
      int threads = params.getThreads();
      delivered = (b.competitor.delivered() - b.deliveredAtIterationStart) / threads;
      dropped = (b.competitor.dropped() - b.droppedAtIterationStart) / threads;
      shipped = (b.competitor.shipped() - b.shippedAtIterationStart) / threads;
    }
  }

  /** Per-thread call sequence for the latency methods. */
  @State(Scope.Thread)
  public static class Seq {
    int seq;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(1)
  public void throughput_1thread(Delivery d) {
    competitor.logger.info("order {} processed for user {}", d.seq++, "u42");
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(4)
  public void throughput_4threads(Delivery d) {
    competitor.logger.info("order {} processed for user {}", d.seq++, "u42");
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public void latency_1thread(Seq s) {
    competitor.logger.info("order {} processed for user {}", s.seq++, "u42");
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(4)
  public void latency_4threads(Seq s) {
    competitor.logger.info("order {} processed for user {}", s.seq++, "u42");
  }
}
