package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.history.FileHistoryStore;
import dev.obskit.uptime.history.HistoryStore;
import dev.obskit.uptime.history.MonitorRecord;
import dev.obskit.uptime.state.MachineSnapshot;
import dev.obskit.uptime.state.MonitorState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of obs-uptime's {@link HistoryStore}, run on the module's own file store (the
 * "memory" backend, which has no repository of its own), H2 and PostgreSQL. One snapshot per store,
 * so the whole contract is one sequence.
 */
abstract class HistoryStoreContract extends ContractBase {
  static final Instant SAVED = Instant.parse("2026-03-02T10:00:00.123456789Z");

  static List<MonitorRecord> records(int extra) {
    List<MonitorRecord> list = new ArrayList<>(List.of(
        new MonitorRecord(MonitorId.of("api"), Optional.of(new MachineSnapshot(
            MonitorState.DOWN, true, Optional.of(Instant.parse("2026-03-02T09:30:00Z")),
            "HTTP 500 (expected 2xx)")), new byte[] {1, 2, 3, 4, 5}),
        new MonitorRecord(MonitorId.of("db"), Optional.of(new MachineSnapshot(MonitorState.UP,
            false, Optional.empty(), "")), new byte[0]),
        new MonitorRecord(MonitorId.of("nightly-backup"), Optional.empty(), new byte[300])));
    for (int i = 0; i < extra; i++) {
      list.add(new MonitorRecord(MonitorId.of("m-" + String.format("%05d", i)), Optional.empty(),
          new byte[] {(byte) i}));
    }
    return list;
  }

  static List<MonitorRecord> load(HistoryStore store, Instant[] savedAt) throws IOException {
    List<MonitorRecord> out = new ArrayList<>();
    savedAt[0] = store.load(out::add).orElse(null);
    return out;
  }

  @Test
  void emptyThenSaveThenReplace_loadsExactlyTheLastSnapshot_thenQuarantine() throws IOException {
    HistoryStore store = repository(HistoryStore.class, () -> {
      try {
        return FileHistoryStore.of(Files.createTempDirectory("history").resolve("h.bin"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    Instant[] at = new Instant[1];
    assertThat(load(store, at)).isEmpty();
    assertThat(at[0]).isNull();

    store.save(SAVED, records(1_200).iterator());
    List<MonitorRecord> first = load(store, at);
    assertThat(first).containsExactlyInAnyOrderElementsOf(records(1_200));
    // the file store keeps milliseconds, the JDBC store the exact instant
    assertThat(at[0]).isIn(SAVED, SAVED.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

    store.save(SAVED.plusSeconds(60), records(0).iterator());
    assertThat(load(store, at)).containsExactlyInAnyOrderElementsOf(records(0));

    assertThat(store.quarantine(SAVED.plusSeconds(120))).isNotBlank();
    assertThat(load(store, at)).isEmpty();
    assertThat(store.describe()).isNotBlank();
  }
}
