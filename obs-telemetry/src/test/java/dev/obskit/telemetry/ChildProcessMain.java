package dev.obskit.telemetry;

import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.buffer.ChronicleTelemetryBuffer;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.sink.BetterStackSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/** Runs in a child JVM started by {@link CrashRecoveryTest}; prints progress for the parent. */
public final class ChildProcessMain {
  private ChildProcessMain() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    if ("flags".equals(args[0])) {
      try {
        ChronicleTelemetryBuffer.open(BufferConfig.builder().setDirectory(Path.of(args[1])).build())
            .close();
        out.println("OPENED");
      } catch (IllegalStateException e) {
        out.println("FAILED " + e.getMessage());
      }
      return;
    }
    if ("module-start".equals(args[0])) {
      moduleStart(Path.of(args[1]), out);
      return;
    }
    if ("appender".equals(args[0])) {
      appender(Path.of(args[1]), out);
      return;
    }
    Telemetry t = Telemetry.start(config(Path.of(args[1]), args[2]));
    out.println("STARTED");
    if ("emit-threads".equals(args[0])) {
      for (int w = 0; w < THREADS; w++) {
        int id = w;
        Thread th = new Thread(() -> emitForever(t, id, out), "child-" + id);
        th.start();
      }
      return; // the writers keep the JVM alive until it is killed
    }
    for (int i = 0; ; i++) {
      boolean ok = t.emit(TelemetryEvent.of(System.currentTimeMillis() * 1_000_000L, Severity.INFO,
          "child", "event " + i).setThread("child-main").putAttribute("seq", i));
      if (!ok) {
        out.println("DROPPED " + i);
      }
      if (i % 1000 == 0) {
        out.println("APPENDED " + i); // every append up to i has returned
        out.flush();
      }
    }
  }

  /** Starts a pipeline as the module API does (default policy: fail without the flags). */
  private static void moduleStart(Path dir, PrintStream out) {
    try (Telemetry t = Telemetry.start(TelemetryConfig.builder().setDirectory(dir).build())) {
      out.println("STARTED " + t.health().status());
    } catch (IllegalStateException e) {
      out.println("FAILED " + e.getMessage());
    }
  }

  /** A logback appender with its own file-sink pipeline: logs 5 lines, stops, reports. */
  private static void appender(Path dir, PrintStream out) {
    ch.qos.logback.classic.LoggerContext ctx = new ch.qos.logback.classic.LoggerContext();
    ctx.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    ctx.start();
    dev.obskit.telemetry.logback.ObsKitAppender a = new dev.obskit.telemetry.logback.ObsKitAppender();
    a.setContext(ctx);
    a.setName("OBSKIT");
    a.setDir(dir.toString());
    a.setSinks("file");
    a.setMinFreeDisk("0");
    a.start();
    out.println("APPENDER started=" + a.isStarted());
    ctx.getStatusManager().getCopyOfStatusList().forEach(st -> out.println("STATUS " + st));
    if (a.isStarted()) {
      out.println("HEALTH " + a.telemetry().orElseThrow().health());
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(a);
      for (int i = 0; i < 5; i++) {
        ctx.getLogger("app.Orders").info("order {}", i);
      }
      out.println("FLUSHED " + a.telemetry().orElseThrow().flush(Duration.ofSeconds(10)));
    }
    ctx.stop();
    out.flush();
  }

  /** Writers in "emit-threads" mode; the buffer has 4 shards by default, one per writer. */
  static final int THREADS = 4;

  private static void emitForever(Telemetry t, int id, PrintStream out) {
    for (int i = 0; ; i++) {
      boolean ok = t.emit(TelemetryEvent.of(System.currentTimeMillis() * 1_000_000L, Severity.INFO,
          "child", "event " + i).setThread("child-" + id).putAttribute("seq", i)
          .putAttribute("writer", id));
      if (!ok) {
        out.println("DROPPED " + id + " " + i);
      }
      if (i % 1000 == 0) {
        synchronized (out) {
          out.println("APPENDED " + id + " " + i); // every append of this writer up to i returned
          out.flush();
        }
      }
    }
  }

  /** The configuration both the child and the restarted parent use. */
  static TelemetryConfig config(Path dir, String url) {
    return TelemetryConfig.builder()
        .setDirectory(dir)
        .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("buffer"))
            .setBlockSize(8L * 1024 * 1024).setMinFreeDiskBytes(0).build())
        .setShip(ShipConfig.defaults(dir.resolve("dead-letter"))
            .withBatch(20, 1024 * 1024, Duration.ofMillis(5))
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
        .addSink(BetterStackSink.builder().setIngestUrl(url).setSourceToken("t").setGzip(false).build())
        .build();
  }
}
