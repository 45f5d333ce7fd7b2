package dev.obskit.benchmarks.telemetry;

import dev.obskit.core.time.ManualClock;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.buffer.BufferCursor;
import dev.obskit.telemetry.buffer.ChronicleTelemetryBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
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

/**
 * Cost of one {@code BufferCursor.backlog()} call (polled by {@code flush()} every 2 ms and by every
 * stats read) on a Chronicle buffer holding {@code cycles} hourly roll cycles of 10,000 records,
 * with the cursor committed 100 records into the first cycle.
 *
 * <p>{@code obskitBacklog} is the index arithmetic; {@code chronicleCountExcerpts} is what
 * {@code backlog()} did before: {@code lastIndex()} then {@code countExcerpts(committed, last)} on
 * the same files (through a second queue instance, since the buffer's own is not exposed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BacklogBenchmark {
  static {
    System.setProperty("chronicle.analytics.disable", "true");
  }

  private static final int PER_CYCLE = 10_000;

  @Param({"1", "24"})
  public int cycles;

  private Path dir;
  private ChronicleTelemetryBuffer buffer;
  private BufferCursor cursor;
  private SingleChronicleQueue view;
  private long committed;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("obskit-bench-backlog");
    ManualClock clock = ManualClock.startingAt("2026-11-22T00:00:00Z");
    buffer = ChronicleTelemetryBuffer.open(BufferConfig.builder().setDirectory(dir)
        .setClock(clock).setRollCycle("FAST_HOURLY").setBlockSize(8L << 20)
        .setMaxBytes(4L << 30).setMinFreeDiskBytes(0).build());
    byte[] record = ("{\"kind\":\"log\",\"dt\":\"2026-11-22T00:00:00Z\",\"level\":\"INFO\","
        + "\"message\":\"order 123456 processed for user u42\"}").getBytes(StandardCharsets.UTF_8);
    for (int c = 0; c < cycles; c++) {
      for (int i = 0; i < PER_CYCLE; i++) {
        if (!buffer.append(record, 0, record.length)) {
          throw new IllegalStateException("append dropped at cycle " + c + " record " + i);
        }
      }
      clock.advance(Duration.ofHours(1));
    }
    cursor = buffer.cursor("bench");
    List<byte[]> out = new ArrayList<>();
    committed = cursor.read(100, Long.MAX_VALUE, out);
    cursor.commit(committed);
    view = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_HOURLY)
        .build();
    long expected = (long) cycles * PER_CYCLE - 100;
    if (obskitBacklog() != expected || chronicleCountExcerpts() != expected) {
      throw new IllegalStateException("backlog " + obskitBacklog() + ", countExcerpts "
          + chronicleCountExcerpts() + ", expected " + expected);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    view.close();
    buffer.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public long obskitBacklog() {
    return cursor.backlog();
  }

  @Benchmark
  public long chronicleCountExcerpts() {
    long last = view.lastIndex();
    return view.countExcerpts(committed, last);
  }
}
