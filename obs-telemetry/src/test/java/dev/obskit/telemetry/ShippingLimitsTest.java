package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.buffer.BufferCursor;
import dev.obskit.telemetry.buffer.ChronicleTelemetryBuffer;
import dev.obskit.telemetry.encode.RecordEncoder;
import dev.obskit.telemetry.ship.BatchSender;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.ship.ShipListener;
import dev.obskit.telemetry.sink.BetterStackSink;
import dev.obskit.telemetry.sink.FileSink;
import dev.obskit.telemetry.sink.SendResult;
import dev.obskit.telemetry.sink.SinkBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shipping against a real local HTTP server that enforces a body size limit: splitting on 413,
 * batch byte caps, batch ids across restarts, Retry-After, one thread per sink.
 */
class ShippingLimitsTest {
  private static final int LIMIT = 2_000;
  private static final String ID_HEADER = SinkBatch.BATCH_ID_HEADER;

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  /** Every request the server saw, in arrival order. */
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  /** Decides the answer to a request that is within the size limit; default 202. */
  private volatile Function<Exchange, MockResponse> answer = e -> new MockResponse().setResponseCode(202);
  private volatile long limit = LIMIT;
  private final List<Telemetry> started = new ArrayList<>();

  /** One request: its raw size, batch id, decoded records and the status answered. */
  record Exchange(int bodyBytes, String batchId, List<Map<String, Object>> records, int[] status) {
    int code() {
      return status[0];
    }

    List<Integer> seqs() {
      List<Integer> s = new ArrayList<>();
      records.forEach(r -> s.add(seq(r)));
      return s;
    }
  }

  @BeforeEach
  void startServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        byte[] raw = request.getBody().readByteArray();
        Exchange e;
        if (raw.length > limit) {
          // Better Stack's documented answer above its limit.
          e = new Exchange(raw.length, request.getHeader(ID_HEADER), List.of(), new int[] {413});
          exchanges.add(e);
          return new MockResponse().setResponseCode(413).setBody("payload reached size limit");
        }
        e = new Exchange(raw.length, request.getHeader(ID_HEADER), TestSupport.jsonArray(raw),
            new int[1]);
        MockResponse response = answer.apply(e);
        e.status()[0] = Integer.parseInt(response.getStatus().split(" ")[1]);
        exchanges.add(e);
        return response;
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    for (Telemetry t : started) {
      t.close(Duration.ofSeconds(2));
    }
    server.shutdown();
  }

  private Telemetry start(ShipConfig ship, ShipListener listener) {
    TelemetryConfig config = TelemetryConfig.builder()
        .setDirectory(dir)
        .setBuffer(bufferConfig())
        .setShip(ship)
        .addSink(BetterStackSink.builder().setIngestUrl(server.url("/").toString())
            .setSourceToken("tok").setGzip(false).build())
        .build();
    Telemetry t = Telemetry.start(config, listener);
    started.add(t);
    return t;
  }

  private BufferConfig bufferConfig() {
    return BufferConfig.builder().setDirectory(dir.resolve("buffer"))
        .setBlockSize(8L * 1024 * 1024).setMinFreeDiskBytes(0).build();
  }

  /** Sends only full batches of {@code records} (the age trigger is an hour away). */
  private ShipConfig fullBatchesOf(int records) {
    return ShipConfig.defaults(dir.resolve("dead-letter"))
        .withBatch(records, 1024 * 1024, Duration.ofHours(1))
        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
  }

  private static TelemetryEvent event(int seq, int messageChars) {
    String pad = "x".repeat(Math.max(0, messageChars - 12));
    return TelemetryEvent.of(1_700_000_000_000_000_000L + seq, Severity.INFO, "app.Orders",
        "order " + seq + " " + pad).setThread("main").putAttribute("seq", seq);
  }

  @SuppressWarnings("unchecked")
  private static int seq(Map<String, Object> record) {
    return ((Number) ((Map<String, Object>) record.get("attributes")).get("seq")).intValue();
  }

  private List<Integer> acceptedSeqs() {
    List<Integer> s = new ArrayList<>();
    for (Exchange e : exchanges) {
      if (e.code() == 202) {
        s.addAll(e.seqs());
      }
    }
    return s;
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(i);
    }
    return l;
  }

  @Test
  void http413_splitsInHalvesRecursively_deadLettersTheOneOversizeRecord_nothingLostOrDuplicated()
      throws Exception {
    Telemetry t = start(fullBatchesOf(40), ShipListener.noop());
    for (int i = 0; i < 40; i++) {
      // ~170-byte records; number 17 alone is bigger than the server's limit.
      assertThat(t.emit(event(i, i == 17 ? 3 * LIMIT : 40))).isTrue();
    }
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();

    List<Integer> expected = range(0, 40);
    expected.remove(Integer.valueOf(17));
    assertThat(acceptedSeqs()).as("each record once, in order, all but the oversize one")
        .containsExactlyElementsOf(expected);
    assertThat(exchanges.get(0).code()).as("the whole batch was tried first").isEqualTo(413);
    for (Exchange e : exchanges) {
      if (e.code() == 202) {
        assertThat(e.bodyBytes()).isLessThanOrEqualTo(LIMIT);
      }
      assertThat(e.batchId()).matches("betterstack-[0-9a-f]{16}-[0-9a-f]+-[0-9a-f]+");
    }
    List<String> acceptedIds = exchanges.stream().filter(e -> e.code() == 202)
        .map(Exchange::batchId).toList();
    assertThat(acceptedIds).doesNotHaveDuplicates();

    Path deadLetter = dir.resolve("dead-letter").resolve("betterstack.deadletter.ndjson");
    List<Map<String, Object>> lines = TestSupport.ndjson(Files.readAllBytes(deadLetter));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("status")).isEqualTo(413L);
    assertThat((String) lines.get(0).get("reason")).contains("HTTP 413")
        .contains("payload reached size limit");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> deadRecords = (List<Map<String, Object>>) lines.get(0).get("records");
    assertThat(deadRecords).extracting(ShippingLimitsTest::seq).containsExactly(17);

    assertThat(t.stats().shipped()).isEqualTo(39);
    assertThat(t.stats().deadLettered()).isEqualTo(1);
    assertThat(t.stats().retried()).isZero();
    assertThat(t.stats().sinks().get(0).splits()).isPositive();
    assertThat(t.stats().queued()).isZero();
  }

  @Test
  void afterATooLargeBatch_laterBatchesAreCappedBelowIt_soOnlyTheFirstBatchIsSplit()
      throws Exception {
    Telemetry t = start(fullBatchesOf(40), ShipListener.noop());
    for (int i = 0; i < 200; i++) {
      t.emit(event(i, 40));
    }
    assertThat(t.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(acceptedSeqs()).containsExactlyElementsOf(range(0, 200));
    // The first batch of 40 (~7 KB) and its first half are refused; every batch after that is
    // formed under the learned cap. Without learning, each of the five batches would be refused
    // twice.
    assertThat(exchanges).filteredOn(e -> e.code() == 413).hasSize(2);
    assertThat(exchanges.subList(2, exchanges.size())).extracting(Exchange::code).containsOnly(202);
  }

  @Test
  void stopAfterOneAcceptedPart_wholeBatchResentAfterRestart_withTheSameIds_nothingLost()
      throws Exception {
    // Phase 1: the server takes the first part of the split batch, then is down.
    answer = e -> acceptedSeqs().isEmpty() ? new MockResponse().setResponseCode(202)
        : new MockResponse().setResponseCode(503);
    Telemetry first = start(fullBatchesOf(40), ShipListener.noop());
    for (int i = 0; i < 40; i++) {
      first.emit(event(i, 40));
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> exchanges.stream().filter(e -> e.code() == 503).count() >= 2);
    assertThat(first.stats().queued()).as("nothing committed: one part is still pending")
        .isEqualTo(40);
    first.close(Duration.ofMillis(200));
    List<Exchange> phase1 = List.copyOf(exchanges);
    List<Integer> firstPart = acceptedSeqs();
    assertThat(firstPart).isNotEmpty().hasSizeLessThan(40);
    String firstPartId = phase1.stream().filter(e -> e.code() == 202).findFirst().orElseThrow()
        .batchId();

    // Phase 2: the same directory, a healthy server.
    exchanges.clear();
    answer = e -> new MockResponse().setResponseCode(202);
    Telemetry second = start(fullBatchesOf(40), ShipListener.noop());
    assertThat(second.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(exchanges.get(0).batchId()).as("the whole batch again, under its first id")
        .isEqualTo(phase1.get(0).batchId());
    assertThat(acceptedSeqs()).containsExactlyElementsOf(range(0, 40));
    assertThat(exchanges).filteredOn(e -> e.code() == 202).extracting(Exchange::batchId)
        .as("the part accepted before the stop comes again under the same id")
        .contains(firstPartId);
    Map<Integer, Integer> deliveries = new HashMap<>();
    for (Exchange e : phase1) {
      if (e.code() == 202) {
        e.seqs().forEach(s -> deliveries.merge(s, 1, Integer::sum));
      }
    }
    acceptedSeqs().forEach(s -> deliveries.merge(s, 1, Integer::sum));
    for (int i = 0; i < 40; i++) {
      assertThat(deliveries.get(i)).as("deliveries of %d", i)
          .isEqualTo(firstPart.contains(i) ? 2 : 1);
    }
  }

  @Test
  void batchInFlightAtStop_isResentAfterRestartAsTheSameBatch_evenWhenMoreEventsArrived()
      throws Exception {
    answer = e -> new MockResponse().setResponseCode(503);
    ShipConfig ship = fullBatchesOf(10); // the first batch is exactly records 0..9
    Telemetry first = start(ship, ShipListener.noop());
    for (int i = 0; i < 10; i++) {
      first.emit(event(i, 40));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> exchanges.size() >= 2);
    for (int i = 10; i < 15; i++) {
      first.emit(event(i, 40)); // arrive while the first batch is being retried
    }
    first.close(Duration.ofMillis(200));
    String idBeforeRestart = exchanges.get(0).batchId();
    assertThat(exchanges).extracting(Exchange::batchId).containsOnly(idBeforeRestart);
    assertThat(exchanges.get(0).seqs()).containsExactlyElementsOf(range(0, 10));

    exchanges.clear();
    answer = e -> new MockResponse().setResponseCode(202);
    // Without the in-flight marker the restarted sender would cut 10 of the 15 buffered records
    // too, but only because of the record limit; a larger limit shows the marker at work.
    Telemetry second = start(fullBatchesOf(200), ShipListener.noop());
    assertThat(second.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(exchanges.get(0).batchId()).isEqualTo(idBeforeRestart);
    assertThat(second.stats().sinks().get(0).resentAfterRestart()).isEqualTo(10);
    assertThat(exchanges.get(0).seqs()).as("the same records, not the 15 now buffered")
        .containsExactlyElementsOf(range(0, 10));
    assertThat(acceptedSeqs()).containsExactlyElementsOf(range(0, 15));

    // The id is the sink name and the positions of the batch's first and last record.
    List<Long> positions = new ArrayList<>();
    BufferCursor probe = second.buffer().cursor("probe");
    probe.read(10, Long.MAX_VALUE, new ArrayList<>(), positions::add);
    assertThat(idBeforeRestart).isEqualTo("betterstack-" + second.buffer().id() + "-"
        + Long.toHexString(positions.get(0))
        + "-" + Long.toHexString(positions.get(9)));
  }

  /**
   * Buffers events {@code firstSeq ..} on one new thread per shard, one thread after the other:
   * thread n of a freshly opened buffer is pinned to shard n and appends {@code each} events.
   */
  private void bufferOnThreads(int threads, int each, int firstSeq) throws Exception {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(bufferConfig())) {
      bufferOnThreads(buffer, threads, each, firstSeq);
    }
  }

  private static void bufferOnThreads(ChronicleTelemetryBuffer buffer, int threads, int each,
      int firstSeq) throws Exception {
    assertThat(buffer.shardCount()).isEqualTo(4);
    for (int t = 0; t < threads; t++) {
      int from = firstSeq + t * each;
      Thread writer = new Thread(() -> {
        RecordEncoder encoder = new RecordEncoder(32_768);
        for (int i = from; i < from + each; i++) {
          RecordEncoder.Encoded e = encoder.encode(event(i, 40));
          assertThat(buffer.append(e.array(), 0, e.length())).isTrue();
        }
      });
      writer.start();
      writer.join();
    }
  }

  @Test
  void shardedBatchInFlightAtStop_isResentFromTheSameRecordsOfEveryShard_underTheSameId()
      throws Exception {
    limit = 1 << 20; // no splitting here
    bufferOnThreads(4, 5, 0); // shard n holds events 5n .. 5n+4
    answer = e -> new MockResponse().setResponseCode(503);
    Telemetry first = start(fullBatchesOf(12), ShipListener.noop());
    await().atMost(Duration.ofSeconds(10)).until(() -> exchanges.size() >= 2);
    first.close(Duration.ofMillis(200));
    String idBeforeRestart = exchanges.get(0).batchId();
    assertThat(exchanges).extracting(Exchange::batchId).containsOnly(idBeforeRestart);
    // Read from shard 0 on: all of shards 0 and 1, two records of shard 2.
    assertThat(exchanges.get(0).seqs()).containsExactlyElementsOf(range(0, 12));
    assertThat(idBeforeRestart).as("several shards: first, last and a digest of the shard runs")
        .matches("betterstack-[0-9a-f]{16}-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+");

    bufferOnThreads(4, 5, 20); // five more events in every shard while the sender is down
    exchanges.clear();
    answer = e -> new MockResponse().setResponseCode(202);
    Telemetry second = start(fullBatchesOf(200), ShipListener.noop());
    assertThat(second.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(exchanges.get(0).batchId()).isEqualTo(idBeforeRestart);
    assertThat(exchanges.get(0).seqs()).as("the same records, not the 28 now buffered")
        .containsExactlyElementsOf(range(0, 12));
    assertThat(second.stats().sinks().get(0).resentAfterRestart()).isEqualTo(12);
    List<Integer> accepted = acceptedSeqs();
    assertThat(accepted).as("nothing lost or duplicated").hasSize(40)
        .containsExactlyInAnyOrderElementsOf(range(0, 40));
    for (int thread = 0; thread < 8; thread++) {
      int t = thread;
      assertThat(accepted).filteredOn(s -> s / 5 == t).as("order of thread %d", t)
          .isSorted();
    }

    // First and last are the positions of event 0 (shard 0) and event 11 (shard 2): the records'
    // Chronicle indexes with the shard number in bits 56 and up.
    List<Long> positions = new ArrayList<>();
    second.buffer().cursor("probe").read(100, Long.MAX_VALUE, new ArrayList<>(), positions::add);
    long firstOfShard0 = positions.stream().filter(p -> p >>> 56 == 0).min(Long::compare).get();
    long secondOfShard2 = positions.stream().filter(p -> p >>> 56 == 2).sorted().skip(1)
        .findFirst().get();
    assertThat(idBeforeRestart).startsWith("betterstack-" + second.buffer().id() + "-"
        + Long.toHexString(firstOfShard0) + "-"
        + Long.toHexString(secondOfShard2) + "-");
  }

  @Test
  void shardedBatchReadOutOfPositionOrder_isSentInPositionOrder_soARestartResendsItUnderTheSameId()
      throws Exception {
    limit = 1 << 20;
    answer = e -> new MockResponse().setResponseCode(503);
    String idBeforeRestart;
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(bufferConfig())) {
      bufferOnThreads(buffer, 2, 5, 0); // shard 0: events 0..4, shard 1: events 5..9
      BufferCursor cursor = buffer.cursor("betterstack");
      // An empty read (room for no record) moves the shard rotation on: the sender's first read
      // starts at shard 1 and returns events 5..9 before 0..4.
      assertThat(cursor.read(0, Long.MAX_VALUE, new ArrayList<>())).isEqualTo(-1);
      BatchSender sender = new BatchSender(BetterStackSink.builder()
          .setIngestUrl(server.url("/").toString()).setSourceToken("tok").setGzip(false).build(),
          cursor, fullBatchesOf(10), ShipListener.noop(), buffer.id());
      sender.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> exchanges.size() >= 2);
      sender.stop(Duration.ofMillis(200));
      idBeforeRestart = exchanges.get(0).batchId();
      assertThat(exchanges.get(0).seqs()).containsExactlyElementsOf(range(0, 10));
    }
    bufferOnThreads(2, 5, 10); // more events in shards 0 and 1
    exchanges.clear();
    answer = e -> new MockResponse().setResponseCode(202);
    Telemetry second = start(fullBatchesOf(200), ShipListener.noop());
    assertThat(second.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(exchanges.get(0).batchId()).isEqualTo(idBeforeRestart);
    assertThat(exchanges.get(0).seqs()).containsExactlyElementsOf(range(0, 10));
    assertThat(acceptedSeqs()).containsExactlyElementsOf(range(0, 20));
  }

  @Test
  void shardedBatch_http413_partsHaveDistinctIds_andEachRecordArrivesOnce() throws Exception {
    bufferOnThreads(4, 10, 0);
    Telemetry t = start(fullBatchesOf(40), ShipListener.noop());
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(exchanges.get(0).code()).as("the whole batch was tried first").isEqualTo(413);
    List<Integer> accepted = acceptedSeqs();
    assertThat(accepted).as("in position order: shard by shard")
        .containsExactlyElementsOf(range(0, 40));
    List<String> acceptedIds = exchanges.stream().filter(e -> e.code() == 202)
        .map(Exchange::batchId).toList();
    assertThat(acceptedIds).hasSizeGreaterThan(1).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("betterstack-[0-9a-f]{16}-[0-9a-f]+-[0-9a-f]+(-[0-9a-f]+)?"));
  }

  @Test
  void configuredBatchBytesAboveBetterStacksLimit_areCapped_noRequestOverTenMebibytes()
      throws Exception {
    limit = BetterStackSink.DEFAULT_MAX_REQUEST_BYTES; // the documented 10 MiB
    int n = 14_000; // ~14 MiB of 1 KiB records, all buffered before the sender starts
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(bufferConfig())) {
      RecordEncoder encoder = new RecordEncoder(32_768);
      for (int i = 0; i < n; i++) {
        RecordEncoder.Encoded e = encoder.encode(event(i, 1000));
        assertThat(buffer.append(e.array(), 0, e.length())).isTrue();
      }
    }
    ShipConfig ship = ShipConfig.defaults(dir.resolve("dead-letter"))
        .withBatch(100_000, 64L * 1024 * 1024, Duration.ofHours(1))
        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
    Telemetry t = start(ship, ShipListener.noop());
    assertThat(t.flush(Duration.ofSeconds(60))).isTrue();

    assertThat(exchanges).extracting(Exchange::code).containsOnly(202);
    assertThat(exchanges).allSatisfy(e ->
        assertThat((long) e.bodyBytes()).isLessThanOrEqualTo(BetterStackSink.DEFAULT_MAX_REQUEST_BYTES));
    assertThat(exchanges.size()).as("more than one request was needed").isGreaterThan(1);
    assertThat(exchanges.get(0).bodyBytes()).as("filled up to the cap").isGreaterThan(9 << 20);
    assertThat(acceptedSeqs()).containsExactlyElementsOf(range(0, n));
    assertThat(t.stats().sinks().get(0).splits()).isZero();
  }

  /** Records the delay of every retry the sender schedules. */
  private static ShipListener retryRecorder(List<Duration> delays) {
    return new ShipListener() {
      @Override
      public void onShipped(String sink, SinkBatch batch, long logBytes, long spanBytes) {}

      @Override
      public void onRetry(String sink, SinkBatch batch, SendResult result, Duration delay) {
        delays.add(delay);
      }
    };
  }

  /** Sends every record at once; the backoff alone would wait at most 20 ms. */
  private ShipConfig eager() {
    return ShipConfig.defaults(dir.resolve("dead-letter"))
        .withBatch(10, 1024 * 1024, Duration.ofMillis(1))
        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
  }

  @Test
  void retryAfter_inSeconds_replacesTheBackoff() throws Exception {
    answer = e -> new MockResponse().setResponseCode(503).setHeader("Retry-After", "7");
    List<Duration> delays = new CopyOnWriteArrayList<>();
    Telemetry t = start(eager(), retryRecorder(delays));
    t.emit(event(0, 40));
    await().atMost(Duration.ofSeconds(10)).until(() -> delays.size() >= 1);
    assertThat(delays.get(0)).isEqualTo(Duration.ofSeconds(7));
    assertThat(t.stats().retried()).isEqualTo(1);
    assertThat(exchanges).hasSize(1);
    t.close(Duration.ofMillis(50));
  }

  @Test
  void retryAfter_asHttpDate_isMeasuredFromNow() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(90));
    answer = e -> new MockResponse().setResponseCode(429).setHeader("Retry-After", date);
    List<Duration> delays = new CopyOnWriteArrayList<>();
    Telemetry t = start(eager(), retryRecorder(delays));
    t.emit(event(0, 40));
    await().atMost(Duration.ofSeconds(10)).until(() -> delays.size() >= 1);
    // An HTTP-date has whole seconds and the request took some time: between 80 and 90 s.
    assertThat(delays.get(0)).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(90));
    assertThat(exchanges).hasSize(1);
    t.close(Duration.ofMillis(50));
  }

  @Test
  void oneSenderThreadPerSink_noThreadPerFlush() throws Exception {
    TelemetryConfig config = TelemetryConfig.builder()
        .setDirectory(dir)
        .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("buffer"))
            .setBlockSize(8L * 1024 * 1024).setMinFreeDiskBytes(0).build())
        .setShip(fullBatchesOf(5))
        .addSink(FileSink.builder().setName("file-a").setDirectory(dir.resolve("a")).build())
        .addSink(FileSink.builder().setName("file-b").setDirectory(dir.resolve("b")).build())
        .build();
    Telemetry t = Telemetry.start(config);
    started.add(t);
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 7; i++) {
        t.emit(event(round * 7 + i, 40));
      }
      assertThat(t.flush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(senderThreads()).filteredOn(n -> n.endsWith("-file-a") || n.endsWith("-file-b"))
        .containsExactly("obskit-telemetry-sender-file-a", "obskit-telemetry-sender-file-b");
    assertThat(t.stats().shipped()).isEqualTo(2 * 350);
  }

  private static List<String> senderThreads() {
    List<String> names = new ArrayList<>();
    for (Thread th : Thread.getAllStackTraces().keySet()) {
      if (th.getName().startsWith("obskit-telemetry-sender-") && th.isAlive()) {
        names.add(th.getName());
      }
    }
    Collections.sort(names);
    return names;
  }
}
