package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.sink.BetterStackSink;
import dev.obskit.telemetry.sink.SinkBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippingReliabilityTest {
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger rejectNext = new AtomicInteger();
  private Telemetry telemetry;

  @BeforeEach
  void startServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        byte[] body = TestSupport.body(request);
        requests.add(request);
        if (down.get()) {
          return new MockResponse().setResponseCode(503).setHeader("Retry-After", "0");
        }
        if (rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          return new MockResponse().setResponseCode(400).setBody("{\"error\":\"bad field dt\"}");
        }
        received.addAll(TestSupport.jsonArray(body));
        return new MockResponse().setResponseCode(202);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (telemetry != null) {
      telemetry.close(Duration.ofSeconds(2));
    }
    server.shutdown();
  }

  private Telemetry start() {
    TelemetryConfig config = TelemetryConfig.builder()
        .setDirectory(dir)
        .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("buffer"))
            .setBlockSize(4L * 1024 * 1024).setMinFreeDiskBytes(0).build())
        .setShip(ShipConfig.defaults(dir.resolve("dead-letter"))
            .withBatch(200, 1024 * 1024, Duration.ofMillis(20))
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(40)))
        .addSink(BetterStackSink.builder().setIngestUrl(server.url("/").toString())
            .setSourceToken("tok-123").build())
        .build();
    telemetry = Telemetry.start(config);
    return telemetry;
  }

  private static TelemetryEvent event(String thread, int seq) {
    return TelemetryEvent.of(1_700_000_000_000_000_000L + seq, Severity.INFO, "app.Orders",
        "order " + seq).setThread(thread).putAttribute("seq", seq);
  }

  @Test
  void endpointDownThenBack_everyEventArrives_inOrderPerThread() throws Exception {
    Telemetry t = start();
    down.set(true);
    int threads = 4;
    int perThread = 2_000;
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      String name = "writer-" + w;
      Thread th = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          assertThat(t.emit(event(name, i))).isTrue();
        }
      }, name);
      writers.add(th);
      th.start();
    }
    for (Thread th : writers) {
      th.join();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> t.stats().retried() >= 3);
    assertThat(received).isEmpty();
    down.set(false);

    await().atMost(Duration.ofSeconds(30)).until(() -> distinct(received).size() == threads * perThread);
    Map<String, Integer> lastSeq = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> r : received) {
      String key = r.get("thread") + "#" + attr(r, "seq");
      if (!seen.add(key)) {
        continue; // a resent duplicate
      }
      int seq = ((Number) attr(r, "seq")).intValue();
      Integer prev = lastSeq.put((String) r.get("thread"), seq);
      assertThat(seq).as("order of %s", r.get("thread")).isEqualTo(prev == null ? 0 : prev + 1);
    }
    assertThat(t.stats().dropped()).isZero();
    assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer tok-123");
    assertThat(requests.get(0).getHeader(SinkBatch.BATCH_ID_HEADER)).isNotBlank();
  }

  @Test
  void sinkAnswers400_batchIsDeadLetteredWithReason_andShippingContinues() throws Exception {
    Telemetry t = start();
    rejectNext.set(1);
    for (int i = 0; i < 10; i++) {
      t.emit(event("main", i));
    }
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();
    for (int i = 10; i < 20; i++) {
      t.emit(event("main", i));
    }
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(received).extracting(r -> ((Number) attr(r, "seq")).intValue())
        .containsExactlyElementsOf(range(10, 20));
    assertThat(t.stats().deadLettered()).isEqualTo(10);
    assertThat(t.stats().shipped()).isEqualTo(10);
    assertThat(t.stats().retried()).isZero();
    Path deadLetter = dir.resolve("dead-letter").resolve("betterstack.deadletter.ndjson");
    List<Map<String, Object>> lines = TestSupport.ndjson(Files.readAllBytes(deadLetter));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("status")).isEqualTo(400L);
    assertThat((String) lines.get(0).get("reason")).contains("HTTP 400").contains("bad field dt");
    assertThat((List<?>) lines.get(0).get("records")).hasSize(10);
  }

  @Test
  void retryAfterHeader_isHonoured() throws Exception {
    Telemetry t = start();
    down.set(true);
    t.emit(event("main", 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> requests.size() >= 2);
    down.set(false);
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(received).hasSize(1);
    assertThat(requests.get(0).getHeader(SinkBatch.BATCH_ID_HEADER))
        .as("a retried batch keeps its id").isEqualTo(requests.get(1).getHeader(SinkBatch.BATCH_ID_HEADER));
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(i);
    }
    return l;
  }

  @SuppressWarnings("unchecked")
  static Object attr(Map<String, Object> record, String key) {
    return ((Map<String, Object>) record.get("attributes")).get(key);
  }

  private static Set<String> distinct(List<Map<String, Object>> records) {
    Set<String> s = new HashSet<>();
    for (Map<String, Object> r : records) {
      s.add(r.get("thread") + "#" + attr(r, "seq"));
    }
    return s;
  }
}
