package dev.obskit.telemetry.ship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.telemetry.TestSupport;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.buffer.BufferCursor;
import dev.obskit.telemetry.buffer.InMemoryTelemetryBuffer;
import dev.obskit.telemetry.sink.BetterStackSink;
import dev.obskit.telemetry.sink.SinkBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSenderTest {
  @TempDir Path dir;

  /**
   * A cursor like a sharded one: {@link #read} returns an opaque position (not a record's) and
   * reports no per-record positions; {@link #commit} accepts only a position a read returned.
   */
  static final class OpaqueCursor implements BufferCursor {
    private final BufferCursor inner;
    private final Map<Long, Long> returned = new HashMap<>();
    final List<Long> commits = new CopyOnWriteArrayList<>();

    OpaqueCursor(BufferCursor inner) {
      this.inner = inner;
    }

    @Override
    public String consumer() {
      return inner.consumer();
    }

    @Override
    public long read(int maxRecords, long maxBytes, List<byte[]> into) {
      long last = inner.read(maxRecords, maxBytes, into);
      if (last < 0) {
        return last;
      }
      long opaque = (last * 0x9E3779B97F4A7C15L) & Long.MAX_VALUE;
      returned.put(opaque, last);
      return opaque;
    }

    @Override
    public void commit(long position) {
      Long real = returned.get(position);
      if (real == null) {
        throw new IllegalArgumentException("not a read position: " + position);
      }
      commits.add(position);
      inner.commit(real);
    }

    @Override
    public long backlog() {
      return inner.backlog();
    }
  }

  @Test
  void cursorWithoutRecordPositions_idsFromReadPositionAndCount_partsByOffset_commitsWhatReadReturned()
      throws Exception {
    List<String> ids = new CopyOnWriteArrayList<>();
    List<Integer> codes = new CopyOnWriteArrayList<>();
    List<String> accepted = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          byte[] body = TestSupport.body(request);
          ids.add(request.getHeader(SinkBatch.BATCH_ID_HEADER));
          int code = body.length > 1_000 ? 413 : 202;
          codes.add(code);
          if (code == 202) {
            TestSupport.jsonArray(body).forEach(r -> accepted.add((String) r.get("n")));
          }
          return new MockResponse().setResponseCode(code);
        }
      });
      server.start();
      InMemoryTelemetryBuffer buffer = new InMemoryTelemetryBuffer(BufferConfig.builder()
          .setDirectory(dir).build());
      for (int i = 0; i < 8; i++) {
        // 8 records of 299 bytes: the whole batch (2,401 bytes) and halves (1,201) are too large
        byte[] r = ("{\"n\":\"r" + i + "\",\"pad\":\"" + "p".repeat(280) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        assertThat(buffer.append(r, 0, r.length)).isTrue();
      }
      OpaqueCursor cursor = new OpaqueCursor(buffer.cursor("betterstack"));
      BatchSender sender = new BatchSender(BetterStackSink.builder()
          .setIngestUrl(server.url("/").toString()).setSourceToken("t").setGzip(false).build(),
          cursor, ShipConfig.defaults(dir.resolve("dead")).withBatch(8, 1 << 20,
              Duration.ofHours(1)), ShipListener.noop(), buffer.id());
      sender.start();
      assertThat(sender.flush(Duration.ofSeconds(10))).isTrue();
      sender.stop(Duration.ofSeconds(1));

      assertThat(accepted).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
      assertThat(cursor.commits).hasSize(1);
      String whole = "betterstack-" + buffer.id() + "-" + Long.toHexString(cursor.commits.get(0)) + "-8";
      // The second half (/4+4) is split without a request: the refused first half taught the
      // sender that 4 of these records are too many.
      assertThat(ids).containsExactly(whole, whole + "/0+4", whole + "/0+2", whole + "/2+2",
          whole + "/4+2", whole + "/6+2");
      assertThat(codes).containsExactly(413, 413, 202, 202, 202, 202);
      assertThat(sender.stats().splits()).isEqualTo(3);
      assertThat(sender.stats().backlog()).isZero();
    }
  }
}
