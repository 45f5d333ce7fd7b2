package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.telemetry.logback.ObsKitAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class TelemetryModuleTest {
  @TempDir Path dir;

  @Test
  void module_fromProperties_shipsAppenderLogs_andReportsShippedBytesAsUsage() throws Exception {
    ConfigProperties config = ConfigProperties.of(Map.of(
        "obs.telemetry.dir", dir.toString(),
        "obs.telemetry.name", "module-test",
        "obs.telemetry.team", "team-a",
        "obs.telemetry.buffer.min-free-disk", "0",
        "obs.telemetry.buffer.block-size", "2MB",
        "obs.telemetry.batch.max-age", "10ms"));
    List<UsageEvent> usage = new CopyOnWriteArrayList<>();
    LoggerContext logback = new LoggerContext();
    logback.setMDCAdapter(MDC.getMDCAdapter());
    ObsKitAppender appender = new ObsKitAppender();
    appender.setContext(logback);
    appender.setPipeline("module-test"); // no settings: attaches to the module's pipeline
    appender.start();
    logback.getLogger("app").addAppender(appender);
    logback.getLogger("app").info("logged before the module started");

    try (ObsKit kit = ObsKit.builder().setConfig(config).addModule(TelemetryModule::create).build()) {
      kit.context().eventBus().subscribe(UsageEvent.class, usage::add);
      kit.start();
      logback.getLogger("app").info("hello from logback");
      Telemetry t = kit.module(TelemetryModule.class).telemetry();
      assertThat(t.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(t.stats().shipped()).as("early event replayed, then hello").isEqualTo(2);
      logback.getLogger("app").info("third");
      assertThat(t.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(t.stats().shipped()).isEqualTo(3);
    }
    logback.stop();
    List<String> lines = Files.readAllLines(dir.resolve("logs/telemetry-00001.ndjson"),
        StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("logged before the module started");
    long bytes = lines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length).sum();
    assertThat(usage).allSatisfy(u -> {
      assertThat(u.meter()).isEqualTo(Meters.LOG_BYTES);
      assertThat(u.teamId()).isEqualTo(TeamId.of("team-a"));
    });
    assertThat(usage.stream().mapToLong(UsageEvent::quantity).sum()).isEqualTo(bytes);
  }

  @Test
  void module_withMalformedConfig_failsNamingTheSetting() {
    ConfigProperties config = ConfigProperties.of(Map.of("obs.telemetry.buffer.max-bytes", "-1GB"));
    assertThatThrownBy(() -> ObsKit.builder().setConfig(config).addModule(TelemetryModule::create)
        .build().start())
        .satisfies(e -> assertThat(rootMessage(e)).contains("obs.telemetry.buffer.max-bytes"));
  }

  private static String rootMessage(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }
}
