package dev.obskit.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCaptureSpoolTest {
  @TempDir
  Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void appendPoll_fifo_acrossSegments_segmentsDeletedWhenRead() throws Exception {
    try (FileCaptureSpool spool = FileCaptureSpool.open(dir, 4096)) {
      for (int i = 0; i < 30; i++) {
        assertThat(spool.append(b("event-" + i + "-" + "x".repeat(40)))).isTrue();
      }
      assertThat(spool.size()).isEqualTo(30);
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.count()).isGreaterThan(1);
      }
      for (int i = 0; i < 30; i++) {
        assertThat(new String(spool.poll(), StandardCharsets.UTF_8)).startsWith("event-" + i + "-");
      }
      assertThat(spool.poll()).isNull();
      assertThat(spool.size()).isZero();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.count()).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void append_beyondMaxBytes_refused_thenAcceptedAgainOnceRead() {
    try (FileCaptureSpool spool = FileCaptureSpool.open(dir, 1024)) {
      int accepted = 0;
      while (spool.append(new byte[100])) {
        accepted++;
      }
      // 104 bytes per record (4-byte length): at most 9 fit in 1,024 bytes.
      assertThat(accepted).isBetween(1, 9);
      assertThat(spool.storedBytes()).isLessThanOrEqualTo(1024);
      while (spool.poll() != null) {
        // drain
      }
      assertThat(spool.append(new byte[100])).isTrue();
    }
  }

  @Test
  void reopen_keepsUnreadEvents_andIgnoresATornTail() throws Exception {
    try (FileCaptureSpool spool = FileCaptureSpool.open(dir, 1 << 20)) {
      spool.append(b("a"));
      spool.append(b("b"));
      spool.append(b("c"));
      assertThat(new String(spool.poll(), StandardCharsets.UTF_8)).isEqualTo("a");
    }
    // A crash mid-write: a length header promising more bytes than were written.
    try (Stream<Path> files = Files.list(dir)) {
      Path segment = files.findFirst().orElseThrow();
      Files.write(segment, new byte[] {0, 0, 0, 50, 'x'}, StandardOpenOption.APPEND);
    }
    try (FileCaptureSpool spool = FileCaptureSpool.open(dir, 1 << 20)) {
      // At-least-once: "a" was read but its segment not finished, so it comes again.
      assertThat(spool.size()).isEqualTo(3);
      assertThat(new String(spool.poll(), StandardCharsets.UTF_8)).isEqualTo("a");
      assertThat(new String(spool.poll(), StandardCharsets.UTF_8)).isEqualTo("b");
      assertThat(new String(spool.poll(), StandardCharsets.UTF_8)).isEqualTo("c");
      assertThat(spool.poll()).isNull();
      assertThat(spool.append(b("d"))).isTrue();
      assertThat(new String(spool.poll(), StandardCharsets.UTF_8)).isEqualTo("d");
    }
  }
}
