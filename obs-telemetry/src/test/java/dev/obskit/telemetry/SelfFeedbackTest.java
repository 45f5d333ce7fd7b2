package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.buffer.BufferCursor;
import dev.obskit.telemetry.buffer.BufferStats;
import dev.obskit.telemetry.buffer.ChronicleTelemetryBuffer;
import dev.obskit.telemetry.buffer.TelemetryBuffer;
import dev.obskit.telemetry.logback.ObsKitAppender;
import dev.obskit.telemetry.ship.ShipListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * ObsKit's appender attached to the root logger of the process's logback context, as a host
 * configures it: nothing ObsKit or its dependencies log, and nothing logged inside ObsKit's
 * append path, may come back into the pipeline.
 */
class SelfFeedbackTest {
  @TempDir Path dir;
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private ObsKitAppender appender;
  private final ListAppender<ILoggingEvent> console = new ListAppender<>();

  @AfterEach
  void detach() {
    if (appender != null) {
      logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
      appender.stop();
    }
    logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(console);
  }

  private ObsKitAppender attach(ObsKitAppender a) {
    a.setContext(logback);
    a.setName("OBSKIT-" + System.nanoTime());
    a.start();
    assertThat(a.isStarted()).isTrue();
    appender = a;
    console.setContext(logback);
    console.start();
    ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(a);
    root.addAppender(console);
    return a;
  }

  private List<Map<String, Object>> shippedToFile() throws Exception {
    Path file = dir.resolve("logs").resolve("telemetry-00001.ndjson");
    return Files.exists(file) ? TestSupport.ndjson(Files.readAllBytes(file)) : List.of();
  }

  /** Logs like Chronicle does while it grows a file, and like a host logger, inside append. */
  private static final class LoggingBuffer implements TelemetryBuffer {
    private final TelemetryBuffer delegate;

    LoggingBuffer(TelemetryBuffer delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean append(byte[] bytes, int offset, int length) {
      LoggerFactory.getLogger("net.openhft.chronicle.bytes.MappedFile")
          .warn("Took 1349 us to grow file");
      LoggerFactory.getLogger("app.Audit").warn("audit line logged during an append");
      return delegate.append(bytes, offset, length);
    }

    @Override public String getName() { return delegate.getName(); }
    @Override public BufferCursor cursor(String consumer) { return delegate.cursor(consumer); }
    @Override public BufferStats stats() { return delegate.stats(); }
    @Override public String id() { return delegate.id(); }
    @Override public boolean isDurable() { return delegate.isDurable(); }
    @Override public void close() { delegate.close(); }
  }

  @Test
  void loggerThatLogsDuringAppend_outerRecordKept_nestedEventsGoToSelfDiagnostics()
      throws Exception {
    TelemetryConfig config = TelemetryConfig.builder().setName("reentry").setDirectory(dir)
        .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("buffer"))
            .setBlockSize(2L * 1024 * 1024).setMinFreeDiskBytes(0).build())
        .build();
    Telemetry t = Telemetry.start(config, ShipListener.noop(),
        new LoggingBuffer(ChronicleTelemetryBuffer.open(config.buffer())), null);
    TelemetryRegistry.register(t);
    try {
      ObsKitAppender a = new ObsKitAppender();
      a.setPipeline("reentry");
      attach(a);
      long diagnosticsBefore = SelfDiagnostics.recorded();

      LoggerFactory.getLogger("app.Orders").info("order 42 paid");
      LoggerFactory.getLogger("app.Orders").info("order 43 paid");
      assertThat(t.flush(Duration.ofSeconds(10))).isTrue();

      assertThat(shippedToFile()).extracting(r -> r.get("message"))
          .containsExactly("order 42 paid", "order 43 paid");
      assertThat(t.stats().dropped()).isZero();
      assertThat(SelfDiagnostics.recorded() - diagnosticsBefore).isGreaterThanOrEqualTo(4);
      assertThat(SelfDiagnostics.recent()).extracting(SelfDiagnostics.Entry::message)
          .contains("Took 1349 us to grow file", "audit line logged during an append");
      assertThat(t.stats().selfDiagnostics()).isGreaterThanOrEqualTo(4);
      // The host's other appenders still see the host's own line.
      assertThat(console.list).extracting(ILoggingEvent::getFormattedMessage)
          .contains("audit line logged during an append", "order 42 paid");
    } finally {
      t.close(Duration.ofSeconds(2));
    }
  }

  @Test
  void failingSink_senderWarningsAreNotShippedThroughIt_noFeedbackLoop() throws Exception {
    List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          byte[] body = TestSupport.body(request);
          if (requests.incrementAndGet() <= 3) {
            return new MockResponse().setResponseCode(500);
          }
          received.addAll(TestSupport.jsonArray(body));
          return new MockResponse().setResponseCode(202);
        }
      });
      server.start();
      ObsKitAppender a = new ObsKitAppender();
      a.setPipeline("loop-" + System.nanoTime());
      a.setDir(dir.toString());
      a.setSinks("betterstack");
      a.setBetterStackUrl(server.url("/").toString());
      a.setBetterStackToken("tok");
      a.setMinFreeDisk("0");
      a.addSetting("obs.telemetry.buffer.block-size=2MB");
      a.addSetting("obs.telemetry.batch.max-age=10ms");
      a.addSetting("obs.telemetry.retry.initial-backoff=10ms");
      a.addSetting("obs.telemetry.retry.max-backoff=20ms");
      attach(a);
      for (int i = 0; i < 12; i++) {
        LoggerFactory.getLogger("app.Orders").info("order {}", i);
      }
      Telemetry t = a.telemetry().orElseThrow();
      assertThat(t.flush(Duration.ofSeconds(20))).isTrue();
      // Nothing more arrives: the sender's warnings about the 500s stayed out of the pipeline.
      assertThat(t.flush(Duration.ofSeconds(1))).isTrue();

      assertThat(received).extracting(r -> r.get("logger")).containsOnly("app.Orders");
      assertThat(received).hasSize(12);
      assertThat(SelfDiagnostics.recent()).anySatisfy(e ->
          assertThat(e.logger()).isEqualTo("dev.obskit.telemetry.ship.BatchSender"));
    }
  }

  @Test
  void normalStartFlushClose_logsNoWarnOrError_andShipsNoChronicleLines() throws Exception {
    ListAppender<ILoggingEvent> everything = new ListAppender<>();
    everything.setContext(logback);
    everything.start();
    ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Logger openhft = logback.getLogger("net.openhft");
    Level openhftLevel = openhft.getLevel();
    openhft.setLevel(Level.INFO);
    root.addAppender(everything);
    try {
      for (int run = 0; run < 2; run++) { // the second run re-opens the buffer the first left
        ObsKitAppender a = new ObsKitAppender();
        a.setPipeline("quiet-" + run);
        a.setDir(dir.toString());
        a.setSinks("file");
        a.setMinFreeDisk("0");
        a.addSetting("obs.telemetry.batch.max-age=10ms");
        attach(a);
        LoggerFactory.getLogger("app.Orders").info("order {}", run);
        // Chronicle's routine start-up line, as it logs it
        LoggerFactory.getLogger("net.openhft.chronicle.core.Jvm").info("Chronicle core loaded");
        assertThat(a.telemetry().orElseThrow().flush(Duration.ofSeconds(10))).isTrue();
        detach();
        appender = null;
      }
    } finally {
      root.detachAppender(everything);
      openhft.setLevel(openhftLevel);
    }
    assertThat(everything.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).isEmpty();
    assertThat(shippedToFile()).extracting(r -> r.get("logger")).containsOnly("app.Orders");
    assertThat(shippedToFile()).hasSize(2);
  }
}
