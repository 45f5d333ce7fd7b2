package dev.obskit.benchmarks.uptime;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.uptime.UptimeConfig;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Checker;
import dev.obskit.uptime.check.HttpSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.history.FileHistoryStore;
import dev.obskit.uptime.http.HttpChecker;
import dev.obskit.uptime.schedule.SchedulerStats;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scale benchmark of obs-uptime's scheduler (issue 5): N HTTP monitors at a 30 s frequency
 * against a local HTTP server, in real time. Not JMH: the quantity of interest is schedule
 * lateness over whole check periods, which a single long iteration per monitor count measures.
 *
 * <p>The parent process runs the target HTTP server (JDK HttpServer, 2 threads) and, for each
 * monitor count, starts a child JVM with {@code -Xmx256m} (the heap goal) that runs the uptime
 * module with its real-time driver and reports schedule lateness p50/p99 (check start minus due
 * time), checks completed per second, UP/DOWN results, process CPU and heap. Results go to
 * {@code results/uptime.json} (JMH-like rows for BENCHMARKS.md) and are printed.
 *
 * <p>Usage: {@code java [-Dobs.bench.prefillHours=H] [-Dobs.bench.gc=SerialGC|G1GC] -cp
 * benchmarks.jar dev.obskit.benchmarks.uptime.UptimeScaleHarness <resultsDir> <warmupSeconds>
 * <measureSeconds> <count>...}. {@code prefillHours=8784} fills the full retention (24 h of
 * minutes, 30 days of hours, 365 days of days) before the monitors start. The results file is
 * rewritten with this invocation's rows only; merge several invocations by hand.
 */
public final class UptimeScaleHarness {
  private static final Duration FREQUENCY = Duration.ofSeconds(30);

  /** System property: hours of 30 s history to prefill per monitor before the run (default 0). */
  static final String PREFILL_PROPERTY = "obs.bench.prefillHours";

  /**
   * System property: a file for a {@code FileHistoryStore} snapshot every 60 s during the run
   * (deleted first; default none), to see what periodic snapshots cost the scheduler.
   */
  static final String SNAPSHOT_PROPERTY = "obs.bench.snapshotFile";

  /** System property: the child's collector, {@code SerialGC} (default) or {@code G1GC}. */
  static final String GC_PROPERTY = "obs.bench.gc";

  private UptimeScaleHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]));
      return;
    }
    Path results = Path.of(args.length > 0 ? args[0] : "obs-benchmarks/results");
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int measure = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    List<Integer> counts = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      counts.add(Integer.parseInt(args[i]));
    }
    if (counts.isEmpty()) {
      counts = List.of(10_000);
    }
    parent(results, warmup, measure, counts);
  }

  private static void parent(Path results, int warmup, int measure, List<Integer> counts)
      throws Exception {
    AtomicLong served = new AtomicLong();
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
    server.createContext("/ok", exchange -> {
      served.incrementAndGet();
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    java.util.concurrent.ExecutorService serverThreads = Executors.newFixedThreadPool(2);
    server.setExecutor(serverThreads);
    server.start();
    PrintStream out = System.out;
    List<Map<String, String>> rows = new ArrayList<>();
    try {
      for (int n : counts) {
        Map<String, String> r = runChild(server.getAddress().getPort(), n, warmup, measure);
        rows.add(r);
        out.println("monitors=" + n + " " + r);
      }
    } finally {
      server.stop(0);
      serverThreads.shutdownNow();
    }
    writeJson(results.resolve("uptime.json"), rows, warmup, measure);
  }

  private static Map<String, String> runChild(int port, int n, int warmup, int measure)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+Use" + System.getProperty(GC_PROPERTY,
        "SerialGC"), "-D" + PREFILL_PROPERTY + "=" + Integer.getInteger(PREFILL_PROPERTY, 0),
        "-D" + SNAPSHOT_PROPERTY + "=" + System.getProperty(SNAPSHOT_PROPERTY, ""),
        "-cp", System.getProperty("java.class.path"), UptimeScaleHarness.class.getName(),
        "child", Integer.toString(port), Integer.toString(n), Integer.toString(warmup),
        Integer.toString(measure)).redirectErrorStream(true).start();
    Map<String, String> result = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          for (String kv : line.substring(7).split(" ")) {
            String[] parts = kv.split("=", 2);
            result.put(parts[0], parts[1]);
          }
        } else if (line.contains("Exception") || line.contains("OutOfMemory")
            || line.startsWith("prefilled") || line.startsWith("snapshot file")) {
          System.out.println("child: " + line);
        }
      }
    }
    int code = p.waitFor();
    result.put("exit", Integer.toString(code));
    result.put("prefillHours", Integer.toString(Integer.getInteger(PREFILL_PROPERTY, 0)));
    result.put("gc", System.getProperty(GC_PROPERTY, "SerialGC"));
    return result;
  }

  private static void child(int port, int n, int warmup, int measure) throws Exception {
    Clock clock = Clock.systemUTC();
    AtomicLong up = new AtomicLong();
    AtomicLong down = new AtomicLong();
    Checker counting = new CountingChecker(HttpChecker.create(clock), up, down);
    UptimeConfig.Builder builder = UptimeConfig.builder().setMaxPerHost(64).addChecker(counting);
    String snapshotFile = System.getProperty(SNAPSHOT_PROPERTY, "");
    if (!snapshotFile.isEmpty()) {
      Files.deleteIfExists(Path.of(snapshotFile));
      builder.setHistoryStore(FileHistoryStore.of(Path.of(snapshotFile)))
          .setSnapshotInterval(Duration.ofSeconds(60));
    }
    UptimeConfig config = builder.build();
    TeamId team = TeamId.of("bench");
    String url = "http://127.0.0.1:" + port + "/ok";
    try (ObsKit kit = ObsKit.builder().setClock(clock)
        .addModule(ctx -> UptimeModule.create(ctx, config)).build().start()) {
      UptimeModule uptime = kit.module(UptimeModule.class);
      prefill(uptime.availability(), clock, n, Integer.getInteger(PREFILL_PROPERTY, 0));
      HttpSpec spec = HttpSpec.builder(url).setRequiredKeyword("ok").build();
      for (int i = 0; i < n; i++) {
        uptime.addMonitor(Monitor.builder(MonitorId.of("m-" + i), team, spec)
            .setFrequency(FREQUENCY).setTimeout(Duration.ofSeconds(10)).build());
      }
      Thread.sleep(warmup * 1000L);
      uptime.resetSchedulerLateness();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
      SchedulerStats before = uptime.schedulerStats();
      long upBefore = up.get();
      long downBefore = down.get();
      long cpuBefore = cpuNanos();
      long wallBefore = System.nanoTime();
      Thread.sleep(measure * 1000L);
      long wall = System.nanoTime() - wallBefore;
      long cpu = cpuNanos() - cpuBefore;
      SchedulerStats after = uptime.schedulerStats();
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      if (!snapshotFile.isEmpty()) {
        System.out.printf(Locale.ROOT, "snapshot file %s: %.1f MB, last written %s%n",
            snapshotFile, Files.size(Path.of(snapshotFile)) / 1048576.0,
            Files.getLastModifiedTime(Path.of(snapshotFile)));
      }
      System.gc();
      long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      double seconds = wall / 1e9;
      System.out.printf(Locale.ROOT, "RESULT monitors=%d latenessP50Ms=%d latenessP99Ms=%d"
              + " latenessMaxMs=%d checksPerSec=%.1f up=%d down=%d skipped=%d deferred=%d"
              + " cpuPctOfOneCore=%.1f heapPeakMb=%.1f heapLiveMb=%.1f seconds=%.1f%n",
          n, after.latenessP50Millis(), after.latenessP99Millis(), after.latenessMaxBucketMillis(),
          (after.completed() - before.completed()) / seconds, up.get() - upBefore,
          down.get() - downBefore, after.skippedSlots() - before.skippedSlots(),
          after.deferredByHostLimit() - before.deferredByHostLimit(), 100.0 * cpu / wall,
          peak / 1048576.0, live / 1048576.0, seconds);
    }
    System.exit(0);
  }

  /**
   * Fills {@code hours} of past 30-second up checks per monitor so that the run measures the
   * scheduler with a steady-state history in the heap, not an empty one. One monitor's history is
   * simulated check by check on a manual clock ending now ({@link HistoryMemory#template}), then
   * restored into every monitor: each restore decodes into the monitor's own arrays, so the heap
   * holds {@code n} independent copies, as if each had been filled separately (filling a year of
   * 30 s checks for each of 10,000 monitors one by one would take hours).
   */
  private static void prefill(AvailabilityStore store, Clock clock, int n, int hours) {
    if (hours <= 0) {
      return;
    }
    long t0 = System.nanoTime();
    byte[] template = HistoryMemory.template(clock.instant(), hours);
    for (int i = 0; i < n; i++) {
      store.restore(MonitorId.of("m-" + i), template);
    }
    System.gc();
    System.out.printf(Locale.ROOT, "prefilled %d monitors x %d h (%d bytes encoded each) in %.1f s,"
            + " heap after GC %.1f MB%n", n, hours, template.length,
        (System.nanoTime() - t0) / 1e9,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void writeJson(Path file, List<Map<String, String>> rows, int warmup,
      int measure) throws IOException {
    StringBuilder sb = new StringBuilder("[\n");
    String[][] metrics = {
        {"latenessP50Ms", "ms"}, {"latenessP99Ms", "ms"}, {"checksPerSec", "checks/s"},
        {"down", "checks"}, {"cpuPctOfOneCore", "%"}, {"heapPeakMb", "MB"},
        {"heapLiveMb", "MB"}};
    boolean first = true;
    for (Map<String, String> r : rows) {
      for (String[] m : metrics) {
        if (!r.containsKey(m[0])) {
          continue;
        }
        sb.append(first ? "" : ",\n");
        first = false;
        sb.append(String.format(Locale.ROOT, "  {\"benchmark\": \"uptime.UptimeScaleHarness.%s\","
                + " \"mode\": \"ss\", \"threads\": 1, \"forks\": 1,"
                + " \"params\": {\"monitors\": \"%s\", \"warmupS\": \"%d\", \"measureS\": \"%d\","
                + " \"prefillHours\": \"%s\", \"gc\": \"%s\"},"
                + " \"primaryMetric\": {\"score\": %s, \"scoreError\": \"NaN\","
                + " \"scoreUnit\": \"%s\"}}", m[0], r.get("monitors"), warmup, measure,
            r.get("prefillHours"), r.get("gc"), r.get(m[0]), m[1]));
      }
    }
    sb.append("\n]\n");
    Files.writeString(file, sb.toString());
  }

  /** Wraps the real HTTP checker to count UP and DOWN results. */
  private static final class CountingChecker implements Checker {
    private final Checker delegate;
    private final AtomicLong up;
    private final AtomicLong down;

    CountingChecker(Checker delegate, AtomicLong up, AtomicLong down) {
      this.delegate = delegate;
      this.up = up;
      this.down = down;
    }

    @Override
    public MonitorKind kind() {
      return MonitorKind.HTTP;
    }

    @Override
    public String getName() {
      return "counting-" + delegate.getName();
    }

    @Override
    public CompletableFuture<CheckResult> check(Monitor monitor) {
      return delegate.check(monitor).thenApply(r -> {
        (r.isUp() ? up : down).incrementAndGet();
        return r;
      });
    }
  }
}
