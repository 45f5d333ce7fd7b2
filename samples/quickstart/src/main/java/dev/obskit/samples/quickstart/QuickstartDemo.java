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

  private QuickstartDemo() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Path dataDir = Path.of(args.length > 0 ? args[0] : "target/demo-data");
    Files.createDirectories(dataDir);
    ManualClock clock = ManualClock.startingAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    DemoEnvironment env = DemoEnvironment.create(clock, dataDir);
    List<DemoSection> sections = loadSections();

    ObsKitBuilder builder = ObsKit.builder()
        .setClock(clock)
        .setConfig(ConfigProperties.fromEnvironment(Map.of()))
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
      ShutdownReport report = kit.shutdown();
      out.println("Shutdown: " + (report.isClean() ? "clean" : "with problems " + report.modules())
          + " in " + report.elapsed().toMillis() + " ms");
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
