package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.buffer.InMemoryTelemetryBuffer;
import dev.obskit.telemetry.log4j2.ObsKitLog4j2Appender;
import dev.obskit.telemetry.sink.BetterStackSink;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Start-up behaviour a host notices first: flags, defaults, config errors, identities. */
class StartupChecksTest {
  private static final String MINIMAL_FLAGS =
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
          + "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
  @TempDir Path dir;

  private static String runChild(List<String> flags, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-Dchronicle")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"),
        ChildProcessMain.class.getName()));
    cmd.addAll(List.of(args));
    Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void moduleStart_withOnlyTheTwoMinimalFlags_failsNamingEachMissingFlag() throws Exception {
    String out = runChild(List.of(MINIMAL_FLAGS.split(" ")), "module-start",
        dir.resolve("t").toString());
    assertThat(out).startsWith("FAILED")
        .contains("--add-opens=java.base/java.nio=ALL-UNNAMED")
        .contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
        .doesNotContain("needs JVM flags that are missing: --add-opens=java.base/java.lang.reflect");
  }

  @Test
  void logbackAppender_withoutFlags_runsOnMemoryAndSaysSo_everyLineShipped() throws Exception {
    String out = runChild(List.of(), "appender", dir.toString());
    assertThat(out).contains("APPENDER started=true").contains("HEALTH TelemetryHealth[status=DEGRADED")
        .contains("FLUSHED true");
    assertThat(out).containsPattern("STATUS WARN.*--add-opens=java.base/java.lang.reflect");
    List<Map<String, Object>> shipped = TestSupport.ndjson(
        Files.readAllBytes(dir.resolve("logs").resolve("telemetry-00001.ndjson")));
    assertThat(shipped).extracting(r -> r.get("message"))
        .containsExactly("order 0", "order 1", "order 2", "order 3", "order 4");
    assertThat(dir.resolve("buffer").resolve("buffer.id"))
        .doesNotExist();
  }

  @Test
  void memoryBuffer_startMessageNamesNoBufferDirectory() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Telemetry.class);
    ListAppender<ILoggingEvent> list = new ListAppender<>();
    list.start();
    logger.addAppender(list);
    try (Telemetry t = Telemetry.start(TelemetryConfig.builder().setDirectory(dir)
        .setBufferType(BufferType.MEMORY).build())) {
      assertThat(t.buffer().isDurable()).isFalse();
      assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(m -> assertThat(m).contains("started: memory buffer (not durable)"))
          .noneSatisfy(m -> assertThat(m).contains(dir.toString()));
    } finally {
      logger.detachAppender(list);
    }
  }

  @Test
  void scrub_isOnByDefaultForLogs_andCanBeTurnedOff() {
    TelemetryEvent paid = TelemetryEvent.of(1, Severity.INFO, "app", "order 2000 paid by bob@example.com");
    TelemetryConfig byDefault = TelemetryProperties.read(ConfigProperties.of(Map.of()),
        PiiScrubber.defaults());
    assertThat(byDefault.transforms().apply(paid).message()).doesNotContain("bob@example.com")
        .contains("order 2000 paid by");
    TelemetryEvent again = TelemetryEvent.of(1, Severity.INFO, "app", "order 2000 paid by bob@example.com");
    TelemetryConfig off = TelemetryProperties.read(
        ConfigProperties.of(Map.of("obs.telemetry.transform.scrub", "false")), PiiScrubber.defaults());
    assertThat(off.transforms().apply(again).message()).contains("bob@example.com");
  }

  @Test
  void log4j2Appender_scrubsByDefault_andHonoursScrubFalse() throws Exception {
    for (String scrub : new String[] {null, "false"}) {
      Path d = dir.resolve(scrub == null ? "default" : "off");
      ObsKitLog4j2Appender a = ObsKitLog4j2Appender.newBuilder().setName("obskit").setDir(d.toString())
          .setSinks("file").setBufferType("memory").setScrub(scrub).build();
      a.start();
      assertThat(a.isStarted()).isTrue();
      a.append(org.apache.logging.log4j.core.impl.Log4jLogEvent.newBuilder().setLoggerName("app")
          .setLevel(org.apache.logging.log4j.Level.INFO)
          .setMessage(new org.apache.logging.log4j.message.SimpleMessage(
              "order 2000 paid by bob@example.com")).build());
      a.stop(5, TimeUnit.SECONDS);
      String shipped = Files.readString(d.resolve("logs").resolve("telemetry-00001.ndjson"));
      if (scrub == null) {
        assertThat(shipped).contains("order 2000 paid by").doesNotContain("bob@example.com");
      } else {
        assertThat(shipped).contains("bob@example.com");
      }
    }
  }

  @Test
  void badRollCycle_disablesOnlyObsKitsAppender_errorNamesKeyAndValidValues() throws Exception {
    String xml = "<configuration>"
        + "<appender name='LIST' class='ch.qos.logback.core.read.ListAppender'/>"
        + "<appender name='OBSKIT' class='dev.obskit.telemetry.logback.ObsKitAppender'>"
        + "<dir>" + dir + "</dir><sinks>file</sinks>"
        + "<setting>obs.telemetry.buffer.roll-cycle=MINUTELY</setting></appender>"
        + "<root level='INFO'><appender-ref ref='LIST'/><appender-ref ref='OBSKIT'/></root>"
        + "</configuration>";
    LoggerContext ctx = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(ctx);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.info("the host keeps logging");
    @SuppressWarnings("unchecked")
    ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) root.getAppender("LIST");
    assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("the host keeps logging");
    assertThat(root.getAppender("OBSKIT").isStarted()).isFalse();
    assertThat(ctx.getStatusManager().getCopyOfStatusList())
        .filteredOn(s -> s.getLevel() == Status.ERROR).extracting(Status::getMessage)
        .anySatisfy(m -> assertThat(m).contains("obs.telemetry.buffer.roll-cycle")
            .contains("MINUTELY").contains("FAST_HOURLY").contains("TEN_MINUTELY"));
    ctx.stop();
  }

  @Test
  void batchIds_differAcrossBuffers_andTheBufferIdentitySurvivesARestart() throws Exception {
    List<String> ids = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          ids.add(request.getHeader("X-ObsKit-Batch-Id"));
          return new MockResponse().setResponseCode(202);
        }
      });
      server.start();
      String firstId = null;
      for (String host : new String[] {"host-a", "host-b", "host-a"}) {
        TelemetryConfig config = TelemetryConfig.builder().setDirectory(dir.resolve(host))
            .setBuffer(BufferConfig.builder().setDirectory(dir.resolve(host).resolve("buffer"))
                .setBlockSize(2L * 1024 * 1024).setMinFreeDiskBytes(0).setShards(1).build())
            .addSink(BetterStackSink.builder().setIngestUrl(server.url("/").toString())
                .setSourceToken("t").build())
            .build();
        try (Telemetry t = Telemetry.start(config)) {
          if (firstId == null) {
            firstId = t.buffer().id();
          } else if (host.equals("host-a")) {
            assertThat(t.buffer().id()).as("same buffer after a restart").isEqualTo(firstId);
          } else {
            assertThat(t.buffer().id()).isNotEqualTo(firstId);
          }
          if (!host.equals("host-a") || ids.isEmpty()) {
            t.emit(TelemetryEvent.of(1, Severity.INFO, "app", "first record of " + host));
            assertThat(t.flush(Duration.ofSeconds(10))).isTrue();
          }
        }
      }
    }
    assertThat(ids).hasSize(2);
    Set<String> distinct = new HashSet<>(ids);
    assertThat(distinct).as("same positions in two buffers, different ids").hasSize(2);
  }

  @Test
  void drops_stateTheirTrueCause_andMakeHealthDegraded() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
        "dev.obskit.telemetry.buffer.CapacityGuard");
    ListAppender<ILoggingEvent> list = new ListAppender<>();
    list.start();
    logger.addAppender(list);
    try {
      InMemoryTelemetryBuffer buffer = new InMemoryTelemetryBuffer(BufferConfig.builder()
          .setMaxBytes(100).setBlockSize(1024 * 1024).build());
      byte[] big = new byte[300_000];
      assertThat(buffer.append(big, 0, big.length)).isFalse();
      assertThat(list.list.get(0).getFormattedMessage())
          .contains("record of 300000 bytes is larger than the largest accepted (262144 bytes)")
          .doesNotContain("full").doesNotContain("cap");
      TelemetryConfig config = TelemetryConfig.builder().setDirectory(dir)
          .setBufferType(BufferType.MEMORY)
          .setBuffer(BufferConfig.builder().setMaxBytes(400).build()).build();
      try (Telemetry t = Telemetry.start(config)) {
        assertThat(t.health().status()).isEqualTo(TelemetryHealth.Status.OK);
        for (int i = 0; i < 10; i++) {
          t.emit(TelemetryEvent.of(1, Severity.INFO, "app", "order " + i + " paid"));
        }
        TelemetryStats stats = t.stats();
        assertThat(stats.dropped()).isPositive();
        assertThat(stats.health().status()).isEqualTo(TelemetryHealth.Status.DEGRADED);
        assertThat(stats.health().reasons()).anySatisfy(r ->
            assertThat(r).startsWith(stats.dropped() + " records dropped"));
      }
      assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(m ->
          assertThat(m).containsPattern("the cap is reached \\(\\d+ unshipped bytes of 400 allowed\\)"));
    } finally {
      logger.detachAppender(list);
    }
  }

  @Test
  void rollCycle_invalidInCode_isRefusedNamingValidValues() {
    assertThatThrownBy(() -> BufferConfig.builder().setRollCycle("MINUTELY").build())
        .hasMessageContaining("MINUTELY").hasMessageContaining("FAST_HOURLY");
    assertThatThrownBy(() -> TelemetryProperties.read(ConfigProperties.of(
        Map.of("obs.telemetry.buffer.roll-cycle", "hourly")), PiiScrubber.defaults()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("obs.telemetry.buffer.roll-cycle");
  }
}
