package dev.obskit.benchmarks.errors;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.ingest.IngestRequest;
import dev.obskit.errors.ingest.IngestResponse;
import dev.obskit.errors.ingest.SentryIngestHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end ingest through the framework-neutral handler, two threads (the machine's two cores):
 * authenticate, gunzip, parse the envelope and the event (an event of about 4 KB shaped like
 * sentry-java's, 3 exceptions with 30 frames, breadcrumbs, contexts) plus a client report,
 * scrub PII, group, fold into the issue, store in memory, report usage. Every envelope has its
 * own event id, so none is skipped as a duplicate; every answer is checked to be 200 and the
 * tear-down prints the accepted count. Goal: at least 20,000 envelopes per second on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(2)
public class ErrorsIngestBenchmark {
  private static final int POOL = 2048;
  private static final String AUTH = "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=key";

  private ObsKit kit;
  private SentryIngestHandler handler;
  private IngestRequest[] requests;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  @Setup(Level.Trial)
  public void setUp() {
    ProjectConfig project = ProjectConfig.builder(ProjectId.of("42"), TeamId.of("bench"))
        .addPublicKey("key").setMonthlyQuota(Long.MAX_VALUE).build();
    ErrorsConfig config = ErrorsConfig.builder().addProject(project).setInstallGlobalTracker(false).build();
    kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> ErrorsModule.create(ctx, config)).build().start();
    handler = kit.module(ErrorsModule.class).ingestHandler();
    requests = new IngestRequest[POOL];
    for (int i = 0; i < POOL; i++) {
      requests[i] = new IngestRequest("POST", "/api/42/envelope/", "",
          Map.of("X-Sentry-Auth", AUTH, "Content-Encoding", "gzip",
              "Content-Type", "application/x-sentry-envelope"), gzip(envelope(i)));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println("obskit ingest: accepted=" + handler.stats().events() + " duplicates="
        + handler.stats().duplicates() + " non-200=" + failures.get()
        + " envelope bytes (gzip)=" + requests[0].body().length);
    kit.shutdown();
  }

  @Benchmark
  public int ingestEnvelope() {
    IngestResponse r = handler.handle(requests[next.getAndIncrement() & (POOL - 1)]);
    if (r.status() != 200) {
      failures.incrementAndGet();
    }
    return r.status();
  }

  private static String eventId(int i) {
    return String.format("%032x", 0xabc00000L + i);
  }

  static byte[] envelope(int i) {
    String id = eventId(i);
    StringBuilder ex = new StringBuilder();
    String[] types = {"IOException", "IllegalStateException", "RuntimeException"};
    for (int e = 0; e < 3; e++) {
      ex.append(e == 0 ? "" : ",").append("{\"type\":\"").append(types[e]).append("\",\"value\":\"Order ")
          .append(i).append(" failed\",\"module\":\"java.lang\",\"stacktrace\":{\"frames\":[");
      for (int f = 0; f < 30; f++) {
        boolean app = f % 3 == 2;
        ex.append(f == 0 ? "" : ",").append("{\"filename\":\"").append(app ? "OrderService.java" : "Thread.java")
            .append("\",\"function\":\"").append(app ? "step" + f : "run").append("\",\"module\":\"")
            .append(app ? "com.shop.orders.OrderService" : "org.springframework.web.Layer" + f)
            .append("\",\"lineno\":").append(100 + f).append(app ? ",\"in_app\":true" : "").append('}');
      }
      ex.append("]},\"mechanism\":{\"type\":\"chained\",\"exception_id\":").append(e).append("}}");
    }
    String event = "{\"event_id\":\"" + id + "\",\"timestamp\":\"2026-11-22T02:08:52.249Z\",\"platform\":\"java\","
        + "\"release\":\"shop@1.4.2\",\"environment\":\"production\",\"server_name\":\"web-1\","
        + "\"exception\":{\"values\":[" + ex + "]},\"fingerprint\":[],"
        + "\"breadcrumbs\":[{\"timestamp\":\"2026-11-22T02:08:51Z\",\"category\":\"http\",\"message\":\"GET /cart 200\"},"
        + "{\"timestamp\":\"2026-11-22T02:08:52Z\",\"category\":\"db\",\"message\":\"select * from orders where id = ?\"}],"
        + "\"user\":{\"id\":\"" + (i % 97) + "\"},\"tags\":{\"route\":\"/checkout\"},"
        + "\"contexts\":{\"runtime\":{\"name\":\"OpenJDK Runtime Environment\",\"version\":\"17.0.12\"},"
        + "\"trace\":{\"trace_id\":\"4b91c2d3e4f5a6b7c8d9e0f1a2b3c4d5\",\"span_id\":\"a1b2c3d4e5f6a7b8\"}},"
        + "\"sdk\":{\"name\":\"sentry.java\",\"version\":\"8.62.0\"}}";
    String report = "{\"timestamp\":\"2026-11-22T02:08:52Z\",\"discarded_events\":[{\"reason\":\"event_processor\",\"category\":\"error\",\"quantity\":1}]}";
    String env = "{\"event_id\":\"" + id + "\",\"sdk\":{\"name\":\"sentry.java\",\"version\":\"8.62.0\"},"
        + "\"sent_at\":\"2026-11-22T02:08:52.249Z\"}\n"
        + "{\"content_type\":\"application/json\",\"type\":\"event\",\"length\":" + event.length() + "}\n" + event + "\n"
        + "{\"content_type\":\"application/json\",\"type\":\"client_report\",\"length\":" + report.length() + "}\n"
        + report + "\n";
    return env.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
