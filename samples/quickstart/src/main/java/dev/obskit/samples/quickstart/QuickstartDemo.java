package dev.obskit.samples.quickstart;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.ShutdownReport;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.time.ManualClock;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The demo: one {@link ObsKit} with every module on embedded defaults, each section telling its
 * part of one story (logs shipped, errors grouped, an endpoint failing, the incident it opens,
 * the invoice all that usage adds up to). Run with the first command of README.md.
 */
public final class QuickstartDemo {
  /** Sections in story order; a section whose class is absent is skipped. */
  private static final List<String> SECTIONS = List.of(
      "CoreDemo", "TelemetryDemo", "ErrorsDemo", "UptimeDemo", "IncidentsDemo", "StatusPagesDemo",
      "BillingDemo");

  /** Flag that makes the demo exit after the scenario (and a check of its URLs). */
  static final String EXIT_FLAG = "--exit-after-scenario";
  private static final java.util.concurrent.atomic.AtomicReference<CountDownLatch> STOPPED =
      new java.util.concurrent.atomic.AtomicReference<>();

  private QuickstartDemo() {}

  /**
   * Runs the scenario, then serves until Ctrl-C; with {@code --exit-after-scenario} it checks the
   * printed URLs once and exits. The first other argument is the data directory.
   */
  public static void main(String[] args) throws Exception {
    boolean exitAfter = List.of(args).contains(EXIT_FLAG);
    run(args, System.out, exitAfter ? DemoService::selfCheck : QuickstartDemo::serveUntilStopped);
  }

  /** Runs the scenario, starts serving, hands the service to {@code whileServing}, then stops. */
  static void run(String[] args, PrintStream out, BiConsumer<DemoService, PrintStream> whileServing)
      throws Exception {
    Path dataDir = Path.of(List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst()
        .orElse("target/demo-data"));
    Files.createDirectories(dataDir);
    ManualClock clock = ManualClock.startingAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    DemoEnvironment env = DemoEnvironment.create(clock, dataDir);
    List<DemoSection> sections = loadSections();

    ObsKitBuilder builder = ObsKit.builder()
        .setClock(clock)
        .setConfig(ConfigProperties.fromEnvironment(Map.of(
            "obs.http.api.tokens", "demo-team=" + DemoService.API_TOKEN,
            "obs.http.tail.token", DemoService.TAIL_TOKEN)))
        .setShutdownTimeout(Duration.ofSeconds(10));
    for (DemoSection section : sections) {
      section.addModules(builder, env);
    }
    out.println("ObsKit quickstart: one embedded kit, simulated clock starting at " + clock.instant());
    out.println("Data directory: " + dataDir.toAbsolutePath());
    try (ObsKit kit = builder.build().start()) {
      out.println("Modules started: " + kit.modules().stream().map(m -> m.name()).toList());
      for (DemoSection section : sections) {
        out.println();
        out.println("== " + section.title());
        section.run(kit, env, out);
      }
      out.println();
      whileServing.accept(DemoService.start(kit, env, out), out);
      ShutdownReport report = kit.shutdown();
      out.println("Shutdown: " + (report.isClean() ? "clean" : "with problems " + report.modules())
          + " in " + report.elapsed().toMillis() + " ms");
      CountDownLatch stopped = STOPPED.get();
      if (stopped != null) {
        stopped.countDown();
      }
    }
  }

  /**
   * Blocks until Ctrl-C (SIGINT/SIGTERM). The shutdown hook releases this thread, which returns to
   * {@link #run} to close the kit, and holds the JVM (at most 15 s) until that is done.
   */
  private static void serveUntilStopped(DemoService service, PrintStream out) {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    STOPPED.set(stopped);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "obskit-demo-stop"));
    try {
      stop.await();
      out.println();
      out.println("Stopping...");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<DemoSection> loadSections() throws IOException {
    List<DemoSection> sections = new ArrayList<>();
    for (String name : SECTIONS) {
      try {
        Class<?> type = Class.forName(QuickstartDemo.class.getPackageName() + "." + name);
        sections.add((DemoSection) type.getDeclaredConstructor().newInstance());
      } catch (ClassNotFoundException absent) {
        // Module not built into this demo yet.
      } catch (ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
        throw new IOException("demo section " + name + " could not be created", cause);
      }
    }
    return sections;
  }
}
