package dev.obskit.benchmarks.telemetry;

import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.TelemetryEvent;
import dev.obskit.telemetry.encode.RecordEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
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

/**
 * The physical bound of ObsKit's durable path: appending the same encoded bytes an ObsKit log call
 * produces straight to a Chronicle Queue, with nothing else (no logback, no capture, no encoding,
 * no capacity checks, no sender). ObsKit's throughput is reported as a ratio to this.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawChronicleAppendBenchmark {
  static {
    System.setProperty("chronicle.analytics.disable", "true");
  }

  /**
   * How many queues the appending threads spread over, one thread pinned to each as ObsKit's
   * sharded buffer does ({@code 4}), or all on one queue and its write lock ({@code 1}).
   */
  @Param({"1", "4"})
  public int queues;

  private Path dir;
  private final List<SingleChronicleQueue> all = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final ThreadLocal<SingleChronicleQueue> queue =
      ThreadLocal.withInitial(() -> all.get(next.getAndIncrement() % all.size()));
  private byte[] record;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("obskit-bench-raw");
    for (int i = 0; i < queues; i++) {
      all.add(SingleChronicleQueueBuilder.single(dir.resolve("q" + i).toFile())
          .rollCycle(RollCycles.FIVE_MINUTELY).blockSize(64L << 20).build());
    }
    TelemetryEvent e = TelemetryEvent.of(System.currentTimeMillis() * 1_000_000L, Severity.INFO,
        "bench.Orders", "order 123456 processed for user u42").setThread("main");
    record = RecordEncoder.defaults().encode(e).toByteArray();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    all.forEach(SingleChronicleQueue::close);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void append() {
    try (DocumentContext dc = queue.get().acquireAppender().writingDocument()) {
      dc.wire().bytes().write(record);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(1)
  public void throughput_1thread() {
    append();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(4)
  public void throughput_4threads() {
    append();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public void latency_1thread() {
    append();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(4)
  public void latency_4threads() {
    append();
  }
}
