package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.buffer.ChronicleTelemetryBuffer;
import dev.obskit.telemetry.ship.Backoff;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.sink.BetterStackSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped defaults under a sustained rate, an outage and a stop during a backoff. */
class ShippingDefaultsTest {
  @TempDir Path dir;

  private static TelemetryEvent event(int i) {
    return TelemetryEvent.of(1_700_000_000_000_000_000L + i, Severity.INFO, "app.Orders",
        "order " + i + " processed for user u42 in region eu-west-1 with 3 items and a coupon")
        .setThread("worker-1").putAttribute("seq", i).putAttribute("requestId", "req-" + i);
  }

  @Test
  void sustainedRate_sinkKeepsUp_capCountsUnshippedBytesOnly_noDrops() {
    long cap = 4L * 1024 * 1024;
    TelemetryConfig config = TelemetryConfig.builder().setDirectory(dir)
        .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("buffer")).setMaxBytes(cap)
            .setMinFreeDiskBytes(0).build())
        .build(); // default roll cycle, shards, batching; file sink
    try (Telemetry t = Telemetry.start(config)) {
      int total = 80_000;
      for (int i = 0; i < total; i++) {
        assertThat(t.emit(event(i))).as("record %d", i).isTrue();
        if (i % 4_000 == 3_999) {
          assertThat(t.flush(Duration.ofSeconds(20))).isTrue();
        }
      }
      assertThat(t.flush(Duration.ofSeconds(20))).isTrue();
      TelemetryStats stats = t.stats();
      assertThat(stats.dropped()).isZero();
      assertThat(stats.shipped()).isEqualTo(total);
      assertThat(stats.health().status()).isEqualTo(TelemetryHealth.Status.OK);
      // The shipped records' files are still on disk (the current cycle cannot be deleted), and
      // they are larger than the cap: the cap did not count them.
      assertThat(((ChronicleTelemetryBuffer) t.buffer()).fileBytes()).isGreaterThan(cap);
      assertThat(stats.bufferBytes()).isLessThan(cap / 4);
    }
  }

  @Test
  void capReachedDuringOutage_dropsWithExactCount_andHealthDegraded() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return new MockResponse().setResponseCode(503);
        }
      });
      server.start();
      TelemetryConfig config = TelemetryConfig.builder().setDirectory(dir)
          .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("buffer"))
              .setMaxBytes(256 * 1024).setMinFreeDiskBytes(0).build())
          .addSink(BetterStackSink.builder().setIngestUrl(server.url("/").toString())
              .setSourceToken("t").build())
          .build();
      try (Telemetry t = Telemetry.start(config)) {
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
          if (!t.emit(event(i))) {
            refused++;
          }
        }
        TelemetryStats stats = t.stats();
        assertThat(refused).isPositive();
        assertThat(stats.dropped()).isEqualTo(refused);
        assertThat(stats.health().status()).isEqualTo(TelemetryHealth.Status.DEGRADED);
        assertThat(stats.health().reasons()).contains(refused
            + " records dropped (buffer cap or disk floor reached, oversized or unencodable records)");
      }
    }
  }

  @Test
  void closeDuringALongBackoff_makesAFinalDeliveryAttemptWithinItsDeadline() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger requests = new AtomicInteger();
    List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          requests.incrementAndGet();
          byte[] body = TestSupport.body(request);
          if (down.get()) {
            return new MockResponse().setResponseCode(503);
          }
          received.addAll(TestSupport.jsonArray(body));
          return new MockResponse().setResponseCode(202);
        }
      });
      server.start();
      TelemetryConfig config = TelemetryConfig.builder().setDirectory(dir)
          .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("buffer"))
              .setMinFreeDiskBytes(0).build())
          .setShip(ShipConfig.defaults(dir.resolve("dead")).withBatch(100, 1 << 20,
              Duration.ofMillis(5)).withBackoff(Duration.ofSeconds(60), Duration.ofSeconds(60)))
          .addSink(BetterStackSink.builder().setIngestUrl(server.url("/").toString())
              .setSourceToken("t").build())
          .build();
      Telemetry t = Telemetry.start(config);
      for (int i = 0; i < 5; i++) {
        t.emit(event(i));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() >= 1);
      down.set(false); // the sender now waits 30-60 s before its next attempt
      long start = System.nanoTime();
      t.close(Duration.ofSeconds(3));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(received).hasSize(5);
      assertThat(tookMillis).isLessThan(3_500);
    }
  }

  @Test
  void defaultBackoff_neverWaitsLongerThanFourSeconds() {
    ShipConfig defaults = ShipConfig.defaults(dir);
    Backoff backoff = new Backoff(defaults.initialBackoff(), defaults.maxBackoff(), new Random(1));
    for (int attempt = 1; attempt < 100; attempt++) {
      assertThat(backoff.delay(attempt, null)).isLessThanOrEqualTo(Duration.ofSeconds(4));
    }
    assertThat(BufferConfig.builder().build().rollCycle()).isEqualTo("FIVE_MINUTELY");
  }
}
