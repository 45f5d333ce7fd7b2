package dev.obskit.telemetry.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleTelemetryBufferTest {
  @TempDir Path dir;
  private final ManualClock clock = ManualClock.startingAt("2026-11-22T04:00:00Z");

  private BufferConfig.Builder config() {
    return BufferConfig.builder().setDirectory(dir).setClock(clock).setBlockSize(1024 * 1024)
        .setMinFreeDiskBytes(0).setDiskProbe(() -> Long.MAX_VALUE / 4);
  }

  private static byte[] rec(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> read(BufferCursor c, int max) {
    List<byte[]> out = new ArrayList<>();
    c.read(max, Long.MAX_VALUE, out);
    List<String> s = new ArrayList<>();
    out.forEach(b -> s.add(new String(b, StandardCharsets.UTF_8)));
    return s;
  }

  @Test
  void append_thenRead_returnsRecordsInOrder() {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      for (int i = 0; i < 5; i++) {
        assertThat(buffer.append(rec("r" + i), 0, 2)).isTrue();
      }
      BufferCursor c = buffer.cursor("s");
      assertThat(read(c, 3)).containsExactly("r0", "r1", "r2");
      assertThat(read(c, 10)).containsExactly("r3", "r4");
      assertThat(read(c, 10)).isEmpty();
      assertThat(buffer.stats().appended()).isEqualTo(5);
    }
  }

  @Test
  void read_respectsByteLimit_butAlwaysReturnsOneRecord() {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      for (int i = 0; i < 4; i++) {
        buffer.append(rec("abcdefghij"), 0, 10);
      }
      BufferCursor c = buffer.cursor("s");
      List<byte[]> out = new ArrayList<>();
      c.read(100, 25, out);
      assertThat(out).hasSize(2);
      out.clear();
      c.read(100, 5, out);
      assertThat(out).hasSize(1);
      out.clear();
      c.read(100, 100, out);
      assertThat(out).hasSize(1);
    }
  }

  @Test
  void reopen_resumesAfterCommittedPosition_andRedeliversUncommitted() {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      for (int i = 0; i < 6; i++) {
        buffer.append(rec("r" + i), 0, 2);
      }
      BufferCursor c = buffer.cursor("s");
      List<byte[]> out = new ArrayList<>();
      long pos = c.read(2, Long.MAX_VALUE, out);
      c.commit(pos);
      c.read(2, Long.MAX_VALUE, out); // r2, r3 read but never committed ("crash")
      assertThat(c.backlog()).isEqualTo(4);
    }
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      BufferCursor c = buffer.cursor("s");
      assertThat(c.backlog()).isEqualTo(4);
      assertThat(read(c, 10)).containsExactly("r2", "r3", "r4", "r5");
      BufferCursor other = buffer.cursor("other");
      assertThat(other.backlog()).isEqualTo(6);
      assertThat(read(other, 10)).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
    }
  }

  @Test
  void rollCycle_deletesFilesOnlyWhenEveryCursorPassedThem() {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      BufferCursor a = buffer.cursor("a");
      BufferCursor b = buffer.cursor("b");
      buffer.append(rec("h1"), 0, 2);
      clock.advance(Duration.ofHours(1));
      buffer.append(rec("h2"), 0, 2);
      clock.advance(Duration.ofHours(1));
      buffer.append(rec("h3"), 0, 2);
      assertThat(buffer.fileCount()).isEqualTo(3);

      List<byte[]> out = new ArrayList<>();
      a.commit(a.read(10, Long.MAX_VALUE, out));
      assertThat(buffer.fileCount()).as("b has not passed anything").isEqualTo(3);

      out.clear();
      long first = b.read(1, Long.MAX_VALUE, out);
      b.commit(first);
      assertThat(buffer.fileCount()).as("b still in hour 1").isEqualTo(3);
      out.clear();
      b.commit(b.read(10, Long.MAX_VALUE, out));
      assertThat(buffer.fileCount()).as("hours 1 and 2 shipped by both").isEqualTo(1);
      assertThat(read(buffer.cursor("c"), 10)).containsExactly("h3");
    }
  }

  @Test
  void diskFloor_dropsExactlyTheAppendsBelowIt_andRecoversWhenSpaceReturns() {
    AtomicLong free = new AtomicLong(10L * 1024 * 1024 * 1024);
    BufferConfig cfg = config().setMinFreeDiskBytes(100L * 1024 * 1024).setDiskProbe(free::get)
        .build();
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(cfg)) {
      assertThat(buffer.append(rec("ok"), 0, 2)).isTrue();
      // floor (100 MiB) + one block (1 MiB) + 10 bytes: room for one 2-byte record (+4 header)
      free.set(101L * 1024 * 1024 + 10);
      buffer.refreshCapacity();
      int accepted = 0;
      for (int i = 0; i < 1000; i++) {
        if (buffer.append(rec("xx"), 0, 2)) {
          accepted++;
        }
      }
      assertThat(accepted).isEqualTo(1);
      assertThat(buffer.stats().dropped()).isEqualTo(999);
      free.set(10L * 1024 * 1024 * 1024);
      buffer.refreshCapacity();
      assertThat(buffer.append(rec("ok"), 0, 2)).isTrue();
      assertThat(buffer.stats().dropped()).isEqualTo(999);
    }
  }

  @Test
  void sizeCap_blockWithTimeout_waitsThenDrops() {
    BufferConfig cfg = config().setMaxBytes(1).setOverflowPolicy(OverflowPolicy.BLOCK_WITH_TIMEOUT)
        .setBlockTimeout(Duration.ofMillis(20)).build();
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(cfg)) {
      assertThat(buffer.append(rec("xx"), 0, 2)).isFalse();
      assertThat(buffer.stats().dropped()).isEqualTo(1);
      assertThat(buffer.stats().blockedNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
    }
  }

  @Test
  void append_afterClose_returnsFalseAndCounts() {
    ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build());
    buffer.close();
    assertThat(buffer.append(rec("xx"), 0, 2)).isFalse();
    assertThat(buffer.stats().dropped()).isEqualTo(1);
  }

  @Test
  void analyticsDisabled_byTheTimeTheBufferIsUsed() {
    ChronicleTelemetryBuffer.open(config().build()).close();
    assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
  }
}
