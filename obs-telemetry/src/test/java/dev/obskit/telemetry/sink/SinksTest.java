package dev.obskit.telemetry.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.telemetry.TestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {
  @TempDir Path dir;

  private static SinkBatch batch(String... records) {
    return SinkBatch.of("b-1", Stream.of(records).map(r -> r.getBytes(StandardCharsets.UTF_8)).toList());
  }

  @Test
  void clickHouse_postsJsonEachRowInsert_withCredentialsHeaders() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(200));
      server.start();
      ClickHouseSink sink = ClickHouseSink.builder().setUrl(server.url("/").toString())
          .setTable("obs.logs").setUser("writer").setPassword("s3cret").setGzip(false).build();
      assertThat(sink.send(batch("{\"a\":1}", "{\"a\":2}")).outcome()).isEqualTo(SendResult.Outcome.SUCCESS);
      RecordedRequest r = server.takeRequest();
      assertThat(r.getRequestUrl().queryParameter("query"))
          .isEqualTo("INSERT INTO obs.logs FORMAT JSONEachRow");
      assertThat(r.getHeader("X-ClickHouse-User")).isEqualTo("writer");
      assertThat(r.getHeader("X-ClickHouse-Key")).isEqualTo("s3cret");
      assertThat(r.getHeader(SinkBatch.BATCH_ID_HEADER)).isEqualTo("b-1");
      assertThat(new String(TestSupport.body(r), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
      assertThat(sink.toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void clickHouse_rejectsInjectionInTableName() {
    assertThatThrownBy(() -> ClickHouseSink.builder().setUrl("http://ch:8123")
        .setTable("logs; DROP TABLE x").build()).hasMessageContaining("table");
  }

  @Test
  void betterStack_sendsGzippedJsonArray_withBearerToken() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(202));
      server.start();
      BetterStackSink sink = BetterStackSink.builder().setIngestUrl(server.url("/").toString())
          .setSourceToken("tok").build();
      assertThat(sink.send(batch("{\"dt\":\"x\"}", "{\"dt\":\"y\"}")).outcome())
          .isEqualTo(SendResult.Outcome.SUCCESS);
      RecordedRequest r = server.takeRequest();
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok");
      assertThat(r.getHeader("Content-Encoding")).isEqualTo("gzip");
      assertThat(TestSupport.jsonArray(TestSupport.body(r))).hasSize(2);
    }
  }

  @Test
  void betterStack_bodyOverItsRequestLimit_isTooLarge_andNeverSent() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      BetterStackSink sink = BetterStackSink.builder().setIngestUrl(server.url("/").toString())
          .setSourceToken("tok").setGzip(false).setMaxRequestBytes(1024).build();
      String big = "{\"m\":\"" + "y".repeat(600) + "\"}";
      SendResult r = sink.send(batch(big, big));
      assertThat(r.outcome()).isEqualTo(SendResult.Outcome.TOO_LARGE);
      // [a,b]: 2 records of 608 bytes, a comma and two brackets
      assertThat(r.reason()).contains("1219 bytes").contains("1024-byte limit");
      assertThat(server.getRequestCount()).isZero();
      assertThat(sink.maxBatchBytes()).isEqualTo(1024 - 1024 / 64);
    }
  }

  @Test
  void betterStack_defaultLimit_isTheDocumentedTenMebibytes() {
    BetterStackSink sink = BetterStackSink.builder().setSourceToken("t").build();
    assertThat(sink.maxRequestBytes()).isEqualTo(10L * 1024 * 1024);
    assertThatThrownBy(() -> BetterStackSink.builder().setMaxRequestBytes(-5))
        .hasMessageContaining("maxRequestBytes").hasMessageContaining("-5");
  }

  @Test
  void clickHouse_tooLargeSignals_splitSeveralRecords_butRetryOneOnMemory() throws Exception {
    String memory = "Code: 241. DB::Exception: Memory limit (for query) exceeded: would use 9.31 GiB"
        + " (attempt to allocate chunk of 4194304 bytes), maximum: 9.31 GiB. (MEMORY_LIMIT_EXCEEDED)"
        + " (version 24.8.4.13 (official build))";
    try (MockWebServer server = new MockWebServer()) {
      MockResponse memoryResponse = new MockResponse().setResponseCode(500)
          .setHeader("X-ClickHouse-Exception-Code", "241").setBody(memory);
      server.enqueue(memoryResponse);
      server.enqueue(memoryResponse);
      server.enqueue(new MockResponse().setResponseCode(413).setBody("Code: 62 (QUERY_IS_TOO_LARGE)"));
      server.enqueue(new MockResponse().setResponseCode(500)
          .setHeader("X-ClickHouse-Exception-Code", "159").setBody("Code: 159. Timeout exceeded"));
      server.start();
      ClickHouseSink sink = ClickHouseSink.builder().setUrl(server.url("/").toString())
          .setGzip(false).build();
      assertThat(sink.send(batch("{\"a\":1}", "{\"a\":2}")).outcome())
          .isEqualTo(SendResult.Outcome.TOO_LARGE);
      SendResult single = sink.send(batch("{\"a\":1}"));
      assertThat(single.outcome()).isEqualTo(SendResult.Outcome.RETRY);
      assertThat(single.reason()).contains("MEMORY_LIMIT_EXCEEDED");
      assertThat(sink.send(batch("{\"a\":1}", "{\"a\":2}")).outcome())
          .isEqualTo(SendResult.Outcome.TOO_LARGE);
      assertThat(sink.send(batch("{\"a\":1}", "{\"a\":2}")).outcome())
          .isEqualTo(SendResult.Outcome.RETRY);
      assertThat(sink.maxBatchBytes()).isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  void otlp_413AndBodiesOverItsLimit_areTooLarge() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(413));
      server.start();
      String log = "{\"kind\":\"log\",\"dt\":\"2026-11-22T06:00:00Z\",\"level\":\"INFO\","
          + "\"severity\":9,\"logger\":\"a\",\"message\":\"" + "z".repeat(2000) + "\"}";
      OtlpHttpSink sink = OtlpHttpSink.builder().setEndpoint(server.url("/").toString())
          .setGzip(false).build();
      assertThat(sink.send(batch(log)).outcome()).isEqualTo(SendResult.Outcome.TOO_LARGE);
      assertThat(server.getRequestCount()).isEqualTo(1);
      OtlpHttpSink small = OtlpHttpSink.builder().setEndpoint(server.url("/").toString())
          .setGzip(false).setMaxRequestBytes(1024).build();
      assertThat(small.send(batch(log)).outcome()).isEqualTo(SendResult.Outcome.TOO_LARGE);
      assertThat(server.getRequestCount()).as("not sent").isEqualTo(1);
      assertThat(OtlpHttpSink.builder().build().maxBatchBytes()).isEqualTo(16L * 1024 * 1024);
    }
  }

  @Test
  void betterStack_serverThatCannotReadGzip_getsThePlainBody_andGzipIsTurnedOff() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          // A server that ignores Content-Encoding and parses the raw bytes as JSON.
          return "gzip".equals(request.getHeader("Content-Encoding"))
              ? new MockResponse().setResponseCode(406).setBody("Couldn't parse JSON content.")
              : new MockResponse().setResponseCode(202);
        }
      });
      server.start();
      BetterStackSink sink = BetterStackSink.builder().setIngestUrl(server.url("/").toString())
          .setSourceToken("tok").build();
      assertThat(sink.send(batch("{\"a\":1}")).outcome()).isEqualTo(SendResult.Outcome.SUCCESS);
      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(sink.gzipActive()).isFalse();
      assertThat(sink.send(batch("{\"a\":2}")).outcome()).isEqualTo(SendResult.Outcome.SUCCESS);
      assertThat(server.getRequestCount()).as("plain at once").isEqualTo(3);
      server.takeRequest();
      server.takeRequest();
      assertThat(server.takeRequest().getHeader("Content-Encoding")).isNull();
    }
  }

  @Test
  void betterStack_genuinelyUnreadableBatch_staysRejected_andGzipStaysOn() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(406).setBody("Couldn't parse JSON content."));
      server.enqueue(new MockResponse().setResponseCode(406).setBody("Couldn't parse JSON content."));
      server.start();
      BetterStackSink sink = BetterStackSink.builder().setIngestUrl(server.url("/").toString())
          .setSourceToken("tok").build();
      SendResult r = sink.send(batch("{\"a\":"));
      assertThat(r.outcome()).isEqualTo(SendResult.Outcome.REJECT);
      assertThat(r.status()).isEqualTo(406);
      assertThat(sink.gzipActive()).isTrue();
    }
  }

  @Test
  void readTimeout_isRetry() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE));
      server.start();
      okhttp3.OkHttpClient client = new okhttp3.OkHttpClient.Builder()
          .readTimeout(java.time.Duration.ofMillis(200)).retryOnConnectionFailure(false).build();
      BetterStackSink sink = BetterStackSink.builder().setIngestUrl(server.url("/").toString())
          .setSourceToken("t").setHttpClient(client).build();
      SendResult r = sink.send(batch("{}"));
      assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRY);
      assertThat(r.reason()).containsIgnoringCase("timeout");
    }
  }

  @Test
  void connectionRefused_isRetry() {
    BetterStackSink sink = BetterStackSink.builder().setIngestUrl("http://127.0.0.1:1/")
        .setSourceToken("t").build();
    assertThat(sink.send(batch("{}")).outcome()).isEqualTo(SendResult.Outcome.RETRY);
  }

  @Test
  void fileSink_rollsBySize_andKeepsMaxFiles() throws Exception {
    FileSink sink = FileSink.builder().setDirectory(dir).setMaxFileBytes(25).setMaxFiles(2).build();
    for (int i = 0; i < 5; i++) {
      assertThat(sink.send(batch("{\"n\":" + i + ",\"pad\":\"xx\"}")).outcome())
          .isEqualTo(SendResult.Outcome.SUCCESS);
    }
    sink.close();
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).containsExactly("telemetry-00004.ndjson", "telemetry-00005.ndjson");
    }
    assertThat(Files.readString(dir.resolve("telemetry-00005.ndjson"))).contains("\"n\":4");
  }
}
