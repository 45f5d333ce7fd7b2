package dev.obskit.telemetry.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTelemetryBufferTest {
  private static final byte[] TEN = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static InMemoryTelemetryBuffer buffer(long maxBytes) {
    return new InMemoryTelemetryBuffer(BufferConfig.builder().setDirectory(Path.of("unused"))
        .setMaxBytes(maxBytes).build());
  }

  @Test
  void sizeCap_dropsExactlyTheOverflow_andCommitFreesSpace() {
    InMemoryTelemetryBuffer b = buffer(100);
    int accepted = 0;
    for (int i = 0; i < 25; i++) {
      if (b.append(TEN, 0, 10)) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(10);
    assertThat(b.stats().dropped()).isEqualTo(15);
    BufferCursor c = b.cursor("s");
    List<byte[]> out = new ArrayList<>();
    long pos = c.read(4, Long.MAX_VALUE, out);
    assertThat(out).hasSize(4);
    c.commit(pos);
    assertThat(c.backlog()).isEqualTo(6);
    for (int i = 0; i < 4; i++) {
      assertThat(b.append(TEN, 0, 10)).isTrue();
    }
    assertThat(b.append(TEN, 0, 10)).isFalse();
    assertThat(b.stats().dropped()).isEqualTo(16);
  }

  @Test
  void twoCursors_recordsReleasedOnlyWhenBothCommitted() {
    InMemoryTelemetryBuffer b = buffer(30);
    BufferCursor a = b.cursor("a");
    BufferCursor c = b.cursor("c");
    for (int i = 0; i < 3; i++) {
      b.append(TEN, 0, 10);
    }
    List<byte[]> out = new ArrayList<>();
    a.commit(a.read(10, Long.MAX_VALUE, out));
    assertThat(b.append(TEN, 0, 10)).as("c has not committed").isFalse();
    out.clear();
    c.commit(c.read(10, Long.MAX_VALUE, out));
    assertThat(out).hasSize(3);
    assertThat(b.append(TEN, 0, 10)).isTrue();
    assertThat(b.isDurable()).isFalse();
  }

  @Test
  void oversizedRecord_isDroppedAndCounted() {
    InMemoryTelemetryBuffer b = new InMemoryTelemetryBuffer(BufferConfig.builder()
        .setDirectory(Path.of("unused")).setBlockSize(1024 * 1024).build());
    assertThat(b.append(new byte[300_000], 0, 300_000)).isFalse();
    assertThat(b.stats().dropped()).isEqualTo(1);
  }
}
