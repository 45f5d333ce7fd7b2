package dev.obskit.samples.quickstart;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryConfig;
import dev.obskit.telemetry.TelemetryEvent;
import dev.obskit.telemetry.TelemetryModule;
import dev.obskit.telemetry.TelemetryStats;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.sink.FileSink;
import dev.obskit.telemetry.transform.TransformPipeline;
import dev.obskit.telemetry.transform.Transforms;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Logs shipped through the durable buffer (Chronicle Queue under the data directory) to the local
 * rolling NDJSON file sink, with PII scrubbed and a field added before buffering.
 */
final class TelemetryDemo implements DemoSection {
  private static final int EVENTS = 500;

  @Override
  public String title() {
    return "obs-telemetry: logs through a durable on-disk buffer to the local NDJSON file sink";
  }

  @Override
  public void addModules(ObsKitBuilder builder, DemoEnvironment env) {
    Path dir = env.dataDir().resolve("telemetry");
    builder.addModule(ctx -> TelemetryModule.create(ctx, TelemetryConfig.builder()
        .setDirectory(dir)
        .setTeam(env.team())
        .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("buffer"))
            .setClock(env.clock()).setMinFreeDiskBytes(64L * 1024 * 1024)
            .setBlockSize(4L * 1024 * 1024).build())
        .setShip(ShipConfig.defaults(dir.resolve("dead-letter"))
            .withBatch(100, 1024 * 1024, Duration.ofMillis(50)))
        .addSink(FileSink.builder().setDirectory(dir.resolve("logs")).build())
        .setTransforms(TransformPipeline.builder()
            .add(Transforms.minLevel(Severity.DEBUG))
            .add(Transforms.addAttributes(Map.of("env", "demo")))
            .add(Transforms.scrub(PiiScrubber.defaults()))
            .build())
        .build()));
  }

  @Override
  public void run(ObsKit kit, DemoEnvironment env, PrintStream out) throws IOException {
    TelemetryModule module = kit.module(TelemetryModule.class);
    Telemetry telemetry = module.telemetry();
    out.println("  buffer     -> " + telemetry.buffer().getName() + " (durable: "
        + telemetry.buffer().isDurable() + ") in " + telemetry.config().buffer().directory());
    int accepted = 0;
    for (int i = 0; i < EVENTS; i++) {
      TelemetryEvent e = TelemetryEvent.of(nanos(env), i % 50 == 49 ? Severity.WARN : Severity.INFO,
          "demo.Checkout", "order " + i + " processed for user u" + (i % 7))
          .setThread("demo-worker-" + (i % 3)).putAttribute("order.id", i);
      if (telemetry.emit(e)) {
        accepted++;
      }
      env.clock().advance(Duration.ofMillis(20));
    }
    telemetry.emit(TelemetryEvent.of(nanos(env), Severity.TRACE, "demo.Noise", "filtered by level"));
    telemetry.emit(TelemetryEvent.of(nanos(env), Severity.ERROR, "demo.Login",
        "login failed for jane.doe@example.com").setThread("demo-worker-0")
        .setThrowable(new IllegalStateException("password=hunter2 rejected")));
    boolean flushed = telemetry.flush(Duration.ofSeconds(10));
    TelemetryStats stats = telemetry.stats();
    out.printf("  emitted %d, buffered %d + 1 error, filtered %d, shipped %d, dropped %d,"
            + " dead-lettered %d (flushed: %s)%n", stats.emitted(), accepted, stats.filtered(),
        stats.shipped(), stats.dropped(), stats.deadLettered(), flushed);
    Path logs = telemetry.config().buffer().directory().getParent().resolve("logs");
    List<String> lines = readLines(logs);
    out.println("  file sink  -> " + lines.size() + " NDJSON lines in " + logs);
    lines.stream().filter(l -> l.contains("demo.Login")).findFirst()
        .ifPresent(l -> out.println("  last error -> " + (l.length() > 240 ? l.substring(0, 240) + "..." : l)));
    env.facts().put("telemetry.shippedRecords", stats.shipped());
  }

  private static long nanos(DemoEnvironment env) {
    return env.clock().instant().getEpochSecond() * 1_000_000_000L + env.clock().instant().getNano();
  }

  private static List<String> readLines(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
      List<String> all = new java.util.ArrayList<>();
      for (Path p : sorted) {
        all.addAll(Files.readAllLines(p));
      }
      return all;
    }
  }
}
