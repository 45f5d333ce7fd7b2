package dev.obskit.telemetry.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sharded cursor (the default, 4 shards) against real Chronicle queues. */
class ShardedCursorTest {
  private static final String START = "2026-11-22T04:00:00Z";

  @TempDir Path dir;
  private final ManualClock clock = ManualClock.startingAt(START);

  private ChronicleTelemetryBuffer open() {
    return ChronicleTelemetryBuffer.open(BufferConfig.builder().setDirectory(dir).setClock(clock).setRollCycle("FAST_HOURLY")
        .setBlockSize(1024 * 1024).setMinFreeDiskBytes(0).setDiskProbe(() -> Long.MAX_VALUE / 4)
        .setShards(4).build());
  }

  private static byte[] rec(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Appends {@code each} records on one new thread per prefix, one thread after the other, so the
   * n-th thread of a freshly opened buffer is pinned to shard n.
   */
  private static void appendOnThreads(TelemetryBuffer buffer, int each, String... prefixes)
      throws InterruptedException {
    for (String prefix : prefixes) {
      Thread t = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          byte[] r = rec(prefix + i);
          assertThat(buffer.append(r, 0, r.length)).isTrue();
        }
      });
      t.start();
      t.join();
    }
  }

  private static List<String> strings(List<byte[]> records) {
    List<String> s = new ArrayList<>();
    records.forEach(b -> s.add(new String(b, StandardCharsets.UTF_8)));
    return s;
  }

  /**
   * Chronicle's FAST_HOURLY index is {@code cycle << 32 | sequence}, the cycle being whole hours
   * since the epoch; the shard goes into bits 56 and up.
   */
  private static long expectedPosition(int shard, long sequence) {
    long cycle = Instant.parse(START).toEpochMilli() / 3_600_000L;
    return ((long) shard << 56) | (cycle << 32) | sequence;
  }

  @Test
  void positions_carryTheShardInTheHighBits_uniqueAcrossShards() throws Exception {
    try (ChronicleTelemetryBuffer buffer = open()) {
      appendOnThreads(buffer, 2, "a", "b", "c");
      List<byte[]> out = new ArrayList<>();
      List<Long> positions = new ArrayList<>();
      buffer.cursor("s").read(100, Long.MAX_VALUE, out, positions::add);

      assertThat(strings(out)).containsExactly("a0", "a1", "b0", "b1", "c0", "c1");
      assertThat(positions).containsExactly(
          expectedPosition(0, 0), expectedPosition(0, 1),
          expectedPosition(1, 0), expectedPosition(1, 1),
          expectedPosition(2, 0), expectedPosition(2, 1));
    }
  }

  @Test
  void inFlightMarker_reopenReadsExactlyTheMarkedRecordsOfEveryShard_evenWhenMoreArrived()
      throws Exception {
    long marked;
    try (ChronicleTelemetryBuffer buffer = open()) {
      appendOnThreads(buffer, 4, "a", "b", "c");
      BufferCursor c = buffer.cursor("s");
      List<byte[]> out = new ArrayList<>();
      marked = c.read(6, Long.MAX_VALUE, out);
      long more = c.read(1, Long.MAX_VALUE, out); // a batch formed by several reads
      assertThat(strings(out)).containsExactly("a0", "a1", "a2", "a3", "b0", "b1", "b2");
      c.markInFlight(more, 7);
      marked = more;
    }
    try (ChronicleTelemetryBuffer buffer = open()) {
      appendOnThreads(buffer, 2, "d", "e", "f", "g"); // one more record in every shard
      BufferCursor c = buffer.cursor("s");
      assertThat(c.inFlight()).containsExactly(marked, 7L);

      List<byte[]> out = new ArrayList<>();
      long last = c.read(100, Long.MAX_VALUE, out);
      assertThat(strings(out)).as("the marked records only, though 9 more wait")
          .containsExactly("a0", "a1", "a2", "a3", "b0", "b1", "b2");
      assertThat(last).as("the same read position as before the stop").isEqualTo(marked);
      c.commit(last);
      assertThat(c.inFlight()).isNull();

      out.clear();
      c.commit(c.read(100, Long.MAX_VALUE, out));
      assertThat(strings(out)).containsExactlyInAnyOrder("b3", "c0", "c1", "c2", "c3",
          "d0", "d1", "e0", "e1", "f0", "f1", "g0", "g1");
      assertThat(c.backlog()).isZero();
    }
    try (ChronicleTelemetryBuffer buffer = open()) {
      assertThat(buffer.cursor("s").inFlight()).as("committed past it").isNull();
      assertThat(buffer.cursor("s").read(100, Long.MAX_VALUE, new ArrayList<>())).isEqualTo(-1);
    }
  }

  @Test
  void crashBetweenTheShardCommitsOfABatch_theNextOpenFinishesTheCommit() throws Exception {
    Path shard1Position = dir.resolve("shard-1").resolve("cursors").resolve("s.pos");
    byte[] beforeCommit;
    try (ChronicleTelemetryBuffer buffer = open()) {
      appendOnThreads(buffer, 3, "a", "b");
      BufferCursor c = buffer.cursor("s");
      long last = c.read(100, Long.MAX_VALUE, new ArrayList<>());
      c.markInFlight(last, 6);
      beforeCommit = Files.readAllBytes(shard1Position);
      c.commit(last);
    }
    // As if the process died after writing shard 0's position and before shard 1's.
    Files.write(shard1Position, beforeCommit);
    try (ChronicleTelemetryBuffer buffer = open()) {
      BufferCursor c = buffer.cursor("s");
      assertThat(c.inFlight()).isNull();
      assertThat(c.backlog()).as("the delivered batch is not delivered again").isZero();
      assertThat(c.read(100, Long.MAX_VALUE, new ArrayList<>())).isEqualTo(-1);
    }
  }

  @Test
  void inFlightMarker_afterEarlierCommits_reformsTheUncommittedBatchShardByShard() throws Exception {
    try (ChronicleTelemetryBuffer buffer = open()) {
      appendOnThreads(buffer, 3, "a", "b");
      BufferCursor c = buffer.cursor("s");
      List<byte[]> out = new ArrayList<>();
      c.commit(c.read(2, Long.MAX_VALUE, out)); // a0, a1 delivered
      out.clear();
      long last = c.read(100, Long.MAX_VALUE, out);
      assertThat(strings(out)).containsExactly("b0", "b1", "b2", "a2");
      c.markInFlight(last, 4);
    }
    try (ChronicleTelemetryBuffer buffer = open()) {
      BufferCursor c = buffer.cursor("s");
      assertThat(c.inFlight()).isNotNull();
      assertThat(c.backlog()).isEqualTo(4);
      List<byte[]> out = new ArrayList<>();
      c.read(100, Long.MAX_VALUE, out);
      assertThat(strings(out)).containsExactly("a2", "b0", "b1", "b2");
    }
  }
}
