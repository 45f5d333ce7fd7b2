package dev.obskit.uptime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.state.MachineSnapshot;
import dev.obskit.uptime.state.MonitorState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHistoryStoreTest {
  private static final Instant SAVED = Instant.parse("2026-03-02T10:00:00Z");
  @TempDir
  Path dir;

  private static List<MonitorRecord> records() {
    return List.of(
        new MonitorRecord(MonitorId.of("api"), Optional.of(new MachineSnapshot(
            MonitorState.DOWN, true, Optional.of(Instant.parse("2026-03-02T09:30:00Z")),
            "HTTP 500 (expected 2xx)")), new byte[] {1, 2, 3, 4, 5}),
        new MonitorRecord(MonitorId.of("db"), Optional.of(new MachineSnapshot(MonitorState.UP,
            false, Optional.empty(), "")), new byte[0]),
        new MonitorRecord(MonitorId.of("nightly-backup"), Optional.empty(), new byte[300]));
  }

  private static List<MonitorRecord> load(HistoryStore store) throws IOException {
    List<MonitorRecord> out = new ArrayList<>();
    store.load(out::add);
    return out;
  }

  @Test
  void save_thenLoad_returnsTheSameRecordsAndTime() throws IOException {
    FileHistoryStore store = FileHistoryStore.of(dir.resolve("uptime.hist"));
    store.save(SAVED, records().iterator());
    List<MonitorRecord> out = new ArrayList<>();
    assertThat(store.load(out::add)).contains(SAVED);
    assertThat(out).containsExactlyElementsOf(records());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve("uptime.hist")); // no temp file left
    }
  }

  @Test
  void load_withoutFile_isEmpty() throws IOException {
    FileHistoryStore store = FileHistoryStore.of(dir.resolve("none.hist"));
    assertThat(store.load(r -> { })).isEmpty();
  }

  @Test
  void load_fileLayout_matchesTheDocumentedFormat() throws IOException {
    // an independent writer of the documented layout: one record, no state, 2-byte blob
    ByteBuffer b = ByteBuffer.allocate(64);
    b.put("OBSUPHST".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1)
        .putLong(SAVED.toEpochMilli()).put((byte) 1).putShort((short) 1)
        .put((byte) 'x').put((byte) 0).putInt(2).put((byte) 7).put((byte) 8).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    Path file = dir.resolve("hand.hist");
    Files.write(file, Arrays.copyOf(b.array(), b.position()));
    List<MonitorRecord> out = load(FileHistoryStore.of(file));
    assertThat(out).containsExactly(new MonitorRecord(MonitorId.of("x"), Optional.empty(),
        new byte[] {7, 8}));
  }

  @Test
  void load_everyTruncation_isCorruptNamingTheFile_andDeliversNothing() throws IOException {
    Path file = dir.resolve("uptime.hist");
    FileHistoryStore.of(file).save(SAVED, records().iterator());
    byte[] full = Files.readAllBytes(file);
    for (int cut = 0; cut < full.length; cut++) {
      Files.write(file, Arrays.copyOf(full, cut));
      List<MonitorRecord> delivered = new ArrayList<>();
      assertThatThrownBy(() -> FileHistoryStore.of(file).load(delivered::add))
          .as("cut at %d", cut)
          .isInstanceOf(CorruptHistoryException.class)
          .hasMessageContaining(file.toString());
      assertThat(delivered).isEmpty();
    }
  }

  @Test
  void load_anyFlippedByte_isCorrupt() throws IOException {
    Path file = dir.resolve("uptime.hist");
    FileHistoryStore.of(file).save(SAVED, records().iterator());
    byte[] full = Files.readAllBytes(file);
    for (int i = 0; i < full.length; i++) {
      byte[] bad = full.clone();
      bad[i] ^= 0x5A;
      Files.write(file, bad);
      assertThatThrownBy(() -> load(FileHistoryStore.of(file))).as("byte %d", i)
          .isInstanceOf(CorruptHistoryException.class);
    }
  }

  @Test
  void load_badMagic_versionAndTrailingBytes_sayWhy() throws IOException {
    Path file = dir.resolve("uptime.hist");
    FileHistoryStore.of(file).save(SAVED, records().iterator());
    byte[] full = Files.readAllBytes(file);
    Files.writeString(file, "hello, this is not history");
    assertThatThrownBy(() -> load(FileHistoryStore.of(file))).hasMessageContaining("bad magic");
    byte[] v2 = full.clone();
    v2[9] = 2;
    Files.write(file, v2);
    assertThatThrownBy(() -> load(FileHistoryStore.of(file)))
        .hasMessageContaining("unsupported format version 2");
    Files.write(file, Arrays.copyOf(full, full.length + 1));
    assertThatThrownBy(() -> load(FileHistoryStore.of(file)))
        .hasMessageContaining("after the checksum");
  }

  @Test
  void load_oversizedFile_isRefusedBeforeReading() throws IOException {
    Path file = dir.resolve("big.hist");
    Files.write(file, new byte[5_000]);
    assertThatThrownBy(() -> load(FileHistoryStore.of(file, 4_096)))
        .isInstanceOf(CorruptHistoryException.class)
        .hasMessage("history file " + file.toAbsolutePath() + " is 5000 bytes, over the limit"
            + " of 4096 bytes");
  }

  @Test
  void save_overLimitOrFailingMidway_keepsThePreviousSnapshot() throws IOException {
    Path file = dir.resolve("uptime.hist");
    FileHistoryStore.of(file).save(SAVED, records().iterator());
    byte[] before = Files.readAllBytes(file);
    List<MonitorRecord> huge = List.of(new MonitorRecord(MonitorId.of("big"), Optional.empty(),
        new byte[10_000]));
    assertThatThrownBy(() -> FileHistoryStore.of(file, 4_096).save(SAVED, huge.iterator()))
        .hasMessageContaining("exceeds the limit of 4096 bytes");
    Iterator<MonitorRecord> failing = new Iterator<>() {
      int n;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public MonitorRecord next() {
        if (n++ == 1) {
          throw new IllegalStateException("export failed");
        }
        return records().get(0);
      }
    };
    assertThatThrownBy(() -> FileHistoryStore.of(file).save(SAVED, failing))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void quarantine_movesTheFileAside() throws IOException {
    Path file = dir.resolve("uptime.hist");
    Files.writeString(file, "junk");
    String aside = FileHistoryStore.of(file).quarantine(SAVED);
    assertThat(aside).endsWith("uptime.hist.corrupt-" + SAVED.toEpochMilli());
    assertThat(file).doesNotExist();
    assertThat(Path.of(aside)).hasContent("junk");
  }
}
