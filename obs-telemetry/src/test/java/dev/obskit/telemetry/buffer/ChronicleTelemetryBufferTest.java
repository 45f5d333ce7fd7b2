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

  /** Appends {@code n} records and returns how many were accepted. */
  private static int append(ChronicleTelemetryBuffer buffer, int n) {
    int ok = 0;
    for (int i = 0; i < n; i++) {
      ok += buffer.append(rec("r" + i), 0, 2) ? 1 : 0;
    }
    return ok;
  }

  /** Reads {@code n} records and commits the last one. */
  private static void ship(BufferCursor c, int n) {
    List<byte[]> out = new ArrayList<>();
    long last = c.read(n, Long.MAX_VALUE, out);
    assertThat(out).hasSize(n);
    c.commit(last);
  }

  @Test
  void backlog_acrossRollCycles_matchesAHandCount() {
    // Hour 0: 5 records, hour 1: 3, hour 2: none (no file), hour 3: 4, then 2 more in hour 3.
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      BufferCursor c = buffer.cursor("s");
      BufferCursor other = buffer.cursor("other"); // never commits, so every file is kept
      assertThat(c.backlog()).as("empty buffer").isZero();
      assertThat(append(buffer, 5)).isEqualTo(5);
      assertThat(c.backlog()).isEqualTo(5);
      clock.advance(Duration.ofHours(1));
      append(buffer, 3);
      clock.advance(Duration.ofHours(2));
      append(buffer, 4);
      assertThat(buffer.fileCount()).isEqualTo(3);
      assertThat(c.backlog()).as("nothing committed").isEqualTo(12);

      ship(c, 2);
      assertThat(c.backlog()).as("inside hour 0").isEqualTo(10);
      ship(c, 3);
      assertThat(c.backlog()).as("committed the last record of hour 0").isEqualTo(7);
      ship(c, 1);
      assertThat(c.backlog()).as("first record of hour 1").isEqualTo(6);
      ship(c, 2);
      assertThat(c.backlog()).as("last of hour 1, across the empty hour 2").isEqualTo(4);
      append(buffer, 2);
      assertThat(c.backlog()).isEqualTo(6);
      clock.advance(Duration.ofHours(1));
      assertThat(c.backlog()).as("a new hour without records").isEqualTo(6);
      append(buffer, 1);
      assertThat(c.backlog()).as("one record in hour 4").isEqualTo(7);
      assertThat(other.backlog()).as("a cursor that never committed").isEqualTo(15);
      ship(c, 7);
      assertThat(c.backlog()).isZero();
    }
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      assertThat(buffer.cursor("s").backlog()).as("after reopening").isZero();
      assertThat(buffer.cursor("other").backlog()).isEqualTo(15);
      clock.advance(Duration.ofHours(1));
      append(buffer, 3);
      assertThat(buffer.cursor("s").backlog()).isEqualTo(3);
      assertThat(buffer.cursor("other").backlog()).isEqualTo(18);
    }
  }

  @Test
  void inFlightMarker_survivesReopen_untilTheNextCommit() {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      append(buffer, 6);
      BufferCursor c = buffer.cursor("s");
      assertThat(c.inFlight()).isNull();
      ship(c, 2);
      // markInFlight takes what read returned (with one queue also the last record's position).
      c.markInFlight(c.read(3, Long.MAX_VALUE, new ArrayList<>()), 3);
    }
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      BufferCursor c = buffer.cursor("s");
      long[] marker = c.inFlight();
      assertThat(marker).isNotNull();
      assertThat(marker[1]).isEqualTo(3);
      List<byte[]> out = new ArrayList<>();
      assertThat(c.read(3, Long.MAX_VALUE, out)).isEqualTo(marker[0]);
      c.commit(marker[0]);
    }
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      assertThat(buffer.cursor("s").inFlight()).as("committed past it").isNull();
      assertThat(buffer.cursor("s").backlog()).isEqualTo(1);
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
      // floor (100 MiB) + one block (1 MiB) per shard (4 by default) + 10 bytes: room for one
      // 2-byte record (+4 header)
      assertThat(cfg.shards()).isEqualTo(4);
      free.set(104L * 1024 * 1024 + 10);
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

  private static List<String> readAll(BufferCursor c) {
    List<String> all = new ArrayList<>();
    List<String> batch;
    while (!(batch = read(c, 7)).isEmpty()) {
      all.addAll(batch);
    }
    return all;
  }

  /** Appends "t<thread>-<seq>" records from {@code threads} threads concurrently. */
  private static void appendConcurrently(ChronicleTelemetryBuffer buffer, int threads, int each)
      throws InterruptedException {
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      writers.add(new Thread(() -> {
        for (int i = 0; i < each; i++) {
          byte[] r = rec("t" + id + "-" + i);
          assertThat(buffer.append(r, 0, r.length)).isTrue();
        }
      }));
    }
    writers.forEach(Thread::start);
    for (Thread w : writers) {
      w.join();
    }
  }

  /** Checks every "t<thread>-<seq>" record is present exactly once, in order per thread. */
  private static void assertCompleteAndOrderedPerThread(List<String> records, int threads,
      int each) {
    assertThat(records).hasSize(threads * each);
    int[] next = new int[threads];
    for (String r : records) {
      int dash = r.indexOf('-');
      int t = Integer.parseInt(r.substring(1, dash));
      assertThat(Integer.parseInt(r.substring(dash + 1))).as("order of thread %d", t)
          .isEqualTo(next[t]++);
    }
    for (int t = 0; t < threads; t++) {
      assertThat(next[t]).as("records of thread %d", t).isEqualTo(each);
    }
  }

  @Test
  void shards_fourThreads_eachPinnedToItsOwnShard_nothingLost_orderPerThreadKept()
      throws InterruptedException {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      appendConcurrently(buffer, 4, 500);
      assertThat(buffer.shardCount()).isEqualTo(4);
      for (int i = 1; i < 4; i++) {
        assertThat(dir.resolve("shard-" + i)).as("shard %d used", i).isDirectory();
      }
      assertThat(buffer.fileCount()).as("one cycle file per shard").isEqualTo(4);
      assertCompleteAndOrderedPerThread(readAll(buffer.cursor("s")), 4, 500);
      assertThat(buffer.stats().appended()).isEqualTo(2000);
    }
  }

  @Test
  void shards_readRespectsByteLimitAcrossShards() throws InterruptedException {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      appendConcurrently(buffer, 4, 3); // records "tN-M": 4 bytes each, 3 per shard
      List<byte[]> out = new ArrayList<>();
      buffer.cursor("s").read(100, 18, out);
      assertThat(out).as("4 records of 4 bytes fit in 18 bytes, a fifth does not").hasSize(4);
    }
  }

  @Test
  void shards_commitThenReopen_resumesEveryShardAfterItsCommittedRecord()
      throws InterruptedException {
    List<String> first;
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      appendConcurrently(buffer, 4, 50);
      BufferCursor c = buffer.cursor("s");
      List<byte[]> out = new ArrayList<>();
      long position = c.read(120, Long.MAX_VALUE, out);
      c.commit(position);
      first = new ArrayList<>();
      out.forEach(b -> first.add(new String(b, StandardCharsets.UTF_8)));
      read(c, 30); // read but never committed: must come again after the restart
    }
    try (ChronicleTelemetryBuffer reopened = ChronicleTelemetryBuffer.open(config().build())) {
      List<String> rest = readAll(reopened.cursor("s"));
      List<String> all = new ArrayList<>(first);
      all.addAll(rest);
      all.sort(java.util.Comparator.comparing((String r) -> r.substring(0, r.indexOf('-')))
          .thenComparingInt(r -> Integer.parseInt(r.substring(r.indexOf('-') + 1))));
      assertThat(first).hasSize(120);
      assertCompleteAndOrderedPerThread(all, 4, 50);
    }
  }

  @Test
  void shards_reopenedWithFewerShards_stillDrainsEveryShardOnDisk() throws InterruptedException {
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config().build())) {
      appendConcurrently(buffer, 4, 100);
    }
    try (ChronicleTelemetryBuffer reopened =
        ChronicleTelemetryBuffer.open(config().setShards(1).build())) {
      assertThat(reopened.shardCount()).isEqualTo(4);
      assertCompleteAndOrderedPerThread(readAll(reopened.cursor("s")), 4, 100);
      appendConcurrently(reopened, 2, 10);
      assertThat(dir.resolve("shard-1").resolve("cursors")).isDirectory();
      List<String> later = readAll(reopened.cursor("s"));
      assertThat(later).as("new appends all go to the one configured shard").hasSize(20);
    }
  }

  @Test
  void shardsSetting_outOfRange_failsNamingTheSetting() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> config().setShards(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shards must be between 1 and 64, got 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> config().setShards(65).build())
        .hasMessageContaining("shards").hasMessageContaining("65");
  }
}
