package dev.obskit.telemetry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.telemetry.BufferType;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryConfig;
import dev.obskit.telemetry.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLogQueryTest {
  @TempDir Path dir;

  private static String line(String dt, String level, int severity, String message, String user) {
    return "{\"kind\":\"log\",\"dt\":\"" + dt + "\",\"level\":\"" + level + "\",\"severity\":"
        + severity + ",\"message\":\"" + message + "\",\"logger\":\"app.Orders\",\"thread\":\"t1\""
        + (user == null ? "" : ",\"attributes\":{\"user\":\"" + user + "\"}") + "}\n";
  }

  /** 8 lines, counted by hand: 3 ERROR (2 after 04:30), 4 INFO, 1 WARN; bob twice; "payment" 3 times. */
  private void writeHandCountedFiles() throws Exception {
    Files.writeString(dir.resolve("telemetry-00001.ndjson"),
        line("2026-11-22T04:00:00.123456789Z", "ERROR", 17, "payment failed", "bob")
            + line("2026-11-22T04:10:00Z", "INFO", 9, "order paid", "amy")
            + line("2026-11-22T04:20:00Z", "INFO", 9, "order paid", null)
            + line("2026-11-22T04:29:59Z", "WARN", 13, "slow payment", "bob"), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("telemetry-00002.ndjson"),
        line("2026-11-22T04:31:00Z", "ERROR", 17, "payment failed", "cat")
            + line("2026-11-22T04:45:00Z", "INFO", 9, "order shipped", null)
            + line("2026-11-22T05:00:00Z", "ERROR", 17, "timeout calling bank", null)
            + line("2026-11-22T05:10:00Z", "INFO", 9, "order paid", "dan"), StandardCharsets.UTF_8);
  }

  @Test
  void filteredCountsAndGroups_matchHandCountedData() throws Exception {
    writeHandCountedFiles();
    try (LocalLogQuery q = LocalLogQuery.open(dir)) {
      LocalLogQuery.QueryResult byLevel = q.query(
          "SELECT level, count(*) AS n FROM logs GROUP BY level ORDER BY level");
      assertThat(byLevel.columns()).containsExactly("level", "n");
      assertThat(byLevel.rows()).containsExactly(List.of("ERROR", 3L), List.of("INFO", 4L),
          List.of("WARN", 1L));
      assertThat(q.query("SELECT count(*) FROM logs WHERE level = 'ERROR'"
          + " AND ts > TIMESTAMPTZ '2026-11-22 04:30:00+00'").rows())
          .containsExactly(List.of(2L));
      assertThat(q.query("SELECT count(*) FROM logs WHERE attributes->>'user' = 'bob'").rows())
          .containsExactly(List.of(2L));
      assertThat(q.query("SELECT count(*) FROM logs WHERE message ILIKE '%payment%';").rows())
          .containsExactly(List.of(3L));
      assertThat(q.query("SELECT ts FROM logs ORDER BY ts LIMIT 1").rows().get(0).get(0).toString())
          .isEqualTo("2026-11-22T04:00:00.123456Z");
    }
  }

  @Test
  void query_overWhatThePipelineShipped_countsEveryEvent() throws Exception {
    try (Telemetry t = Telemetry.start(TelemetryConfig.builder().setDirectory(dir)
        .setBufferType(BufferType.MEMORY).build())) {
      for (int i = 0; i < 250; i++) {
        t.emit(TelemetryEvent.of(1_700_000_000_000_000_000L + i * 1_000_000_000L,
            i % 10 == 0 ? Severity.ERROR : Severity.INFO, "app", "event " + i));
      }
      assertThat(t.flush(Duration.ofSeconds(10))).isTrue();
    }
    try (LocalLogQuery q = LocalLogQuery.open(dir.resolve("logs"))) {
      assertThat(q.query("SELECT count(*), count(*) FILTER (WHERE level = 'ERROR') FROM logs")
          .rows()).containsExactly(List.of(250L, 25L));
    }
  }

  @Test
  void hostileStatements_areRefused_andLimitsCannotBeRaised() throws Exception {
    writeHandCountedFiles();
    try (LocalLogQuery q = LocalLogQuery.open(dir)) {
      assertThatThrownBy(() -> q.query("DROP VIEW logs")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> q.query("SELECT 1; SET memory_limit='10GB'"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> q.query("SELECT * FROM nosuchtable"))
          .isInstanceOf(LocalLogQuery.QueryException.class).hasMessageContaining("nosuchtable");
      assertThatThrownBy(() -> q.query("WITH x AS (SELECT 1) SELECT set_config('memory_limit', '10GB')"))
          .isInstanceOf(LocalLogQuery.QueryException.class);
      assertThat(q.query("SELECT current_setting('memory_limit')").rows().get(0).get(0).toString())
          .contains("MiB");
    }
    assertThatThrownBy(() -> LocalLogQuery.open(dir, "lots", Duration.ofSeconds(1), 10))
        .hasMessageContaining("memoryLimit").hasMessageContaining("lots");
  }

  @Test
  void slowQuery_isCancelledAtItsTimeLimit_andRowsAreCapped() throws Exception {
    writeHandCountedFiles();
    try (LocalLogQuery q = LocalLogQuery.open(dir, "64MB", Duration.ofMillis(300), 3)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> q.query(
          "SELECT sum(hash(a.range * b.range)) FROM range(100000) a, range(100000) b"))
          .isInstanceOf(LocalLogQuery.QueryException.class).hasMessageContaining("time limit");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      LocalLogQuery.QueryResult capped = q.query("SELECT message FROM logs");
      assertThat(capped.rows()).hasSize(3);
      assertThat(capped.truncated()).isTrue();
      assertThat(q.query("SELECT count(*) FROM logs").rows()).containsExactly(List.of(8L));
    }
  }

  @Test
  void retention_deletesFilesOlderThanTheWindow_keepsTheNewest() throws Exception {
    writeHandCountedFiles();
    Files.writeString(dir.resolve("telemetry-00003.ndjson"),
        line("2026-11-23T04:00:00Z", "INFO", 9, "next day", null), StandardCharsets.UTF_8);
    Instant now = Instant.parse("2026-11-23T12:00:00Z");
    Files.setLastModifiedTime(dir.resolve("telemetry-00001.ndjson"),
        FileTime.from(Instant.parse("2026-11-22T04:30:00Z")));
    Files.setLastModifiedTime(dir.resolve("telemetry-00002.ndjson"),
        FileTime.from(Instant.parse("2026-11-22T05:10:00Z")));
    Files.setLastModifiedTime(dir.resolve("telemetry-00003.ndjson"),
        FileTime.from(Instant.parse("2026-11-22T03:00:00Z"))); // newest file: kept whatever its time
    try (LocalLogQuery q = LocalLogQuery.open(dir)) {
      assertThat(q.applyRetention(Duration.ofHours(31), Clock.fixed(now, ZoneOffset.UTC))).isEqualTo(1);
      assertThat(q.query("SELECT count(*) FROM logs").rows()).containsExactly(List.of(5L));
    }
  }
}
