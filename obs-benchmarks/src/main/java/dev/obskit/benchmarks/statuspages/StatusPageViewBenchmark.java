package dev.obskit.benchmarks.statuspages;

import dev.obskit.core.ObsKit;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.statuspages.ComponentStatus;
import dev.obskit.statuspages.ReportStatus;
import dev.obskit.statuspages.Resource;
import dev.obskit.statuspages.ResourceId;
import dev.obskit.statuspages.Section;
import dev.obskit.statuspages.StatusPage;
import dev.obskit.statuspages.StatusPageId;
import dev.obskit.statuspages.StatusPagesConfig;
import dev.obskit.statuspages.StatusPagesModule;
import dev.obskit.uptime.UptimeConfig;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.TcpSpec;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full page views per second of a cached status page with 50 resources (real obs-uptime monitors,
 * 90 days of booked history with a few outages) and an open report, fetched over HTTP/1.1 from
 * the kit's embedded JDK server by 4 client threads in the same JVM (2 cores shared by both).
 * The HTML size is printed at setup and must stay under 100 KB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(4)
public class StatusPageViewBenchmark {
  private static final int RESOURCES = 50;
  private ObsKit kit;
  private HttpClient client;
  private HttpRequest request;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    TeamId team = TeamId.of("bench");
    Instant now = Instant.now();
    Instant first = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(89));
    List<Resource> resources = new ArrayList<>();
    UptimeConfig.Builder uptime = UptimeConfig.builder().setDriverEnabled(false).setJitter(false);
    for (int i = 0; i < RESOURCES; i++) {
      MonitorId id = MonitorId.of("m" + i);
      uptime.addMonitor(Monitor.builder(id, team, new TcpSpec("127.0.0.1", 9))
          .setName("Service " + i).build());
      resources.add(Resource.monitor(ResourceId.of("r" + i), "Service number " + i, id));
    }
    List<Section> sections = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      sections.add(new Section("Region " + s, resources.subList(s * 10, s * 10 + 10)));
    }
    StatusPage page = StatusPage.builder(StatusPageId.of("bench"), team, "Bench status",
        first.minus(Duration.ofDays(10))).setSections(sections).build();
    kit = ObsKit.builder().setClock(Clock.systemUTC())
        .addModule(ctx -> UptimeModule.create(ctx, uptime.build()))
        .addModule(ctx -> StatusPagesModule.create(ctx, StatusPagesConfig.builder()
            .setDriverEnabled(false).addPage(page).build()))
        .build().start();
    UptimeModule u = kit.module(UptimeModule.class);
    for (int i = 0; i < RESOURCES; i++) {
      MonitorId id = MonitorId.of("m" + i);
      Instant outage = first.plus(Duration.ofDays((i * 7L) % 89)).plus(Duration.ofHours(10));
      u.availability().book(id, new Segment(first, outage, Booking.UP));
      u.availability().book(id, new Segment(outage, outage.plus(Duration.ofMinutes(20 + i)),
          Booking.DOWN));
      u.availability().book(id, new Segment(outage.plus(Duration.ofMinutes(20 + i)), now,
          Booking.UP));
    }
    kit.module(StatusPagesModule.class).pages().openReport(StatusPageId.of("bench"),
        "Elevated errors", ReportStatus.IDENTIFIED, "A bad deploy is being rolled back.",
        Map.of(ResourceId.of("r3"), ComponentStatus.PARTIAL_OUTAGE), Optional.empty(), true);
    EmbeddedHttpServer server = kit.serve(0);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/status/bench")).build();
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    System.out.printf("%nstatus page: HTTP %d, %,d bytes of HTML%n", r.statusCode(),
        r.body().length);
    if (r.statusCode() != 200 || r.body().length >= 100_000) {
      throw new IllegalStateException("page must answer 200 under 100 KB, got " + r.statusCode()
          + " with " + r.body().length + " bytes");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    kit.close();
  }

  @Benchmark
  public int viewPage() throws Exception {
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode());
    }
    return r.body().length;
  }
}
