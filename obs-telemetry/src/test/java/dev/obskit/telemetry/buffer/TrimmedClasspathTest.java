package dev.obskit.telemetry.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module's test classpath is the trimmed one a host gets: Chronicle's JNA, JNR/jffi, asm,
 * runtime compiler, affinity and commons-cli are excluded. The durable buffer still opens,
 * appends, reads, commits and re-opens with it.
 */
class TrimmedClasspathTest {
  @TempDir Path dir;

  @Test
  void excludedChronicleDependencies_areAbsent() {
    for (String cls : List.of("com.sun.jna.Native", "jnr.ffi.LibraryLoader", "com.kenai.jffi.Library",
        "org.objectweb.asm.ClassWriter", "net.openhft.compiler.CompilerUtils",
        "net.openhft.affinity.AffinityLock", "org.apache.commons.cli.Options")) {
      assertThatThrownBy(() -> Class.forName(cls, false, getClass().getClassLoader()))
          .as(cls).isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void durableBuffer_runsWithTheTrimmedSet() {
    BufferConfig config = BufferConfig.builder().setDirectory(dir).setBlockSize(1024 * 1024)
        .setMinFreeDiskBytes(0).build();
    try (ChronicleTelemetryBuffer buffer = ChronicleTelemetryBuffer.open(config)) {
      for (int i = 0; i < 100; i++) {
        byte[] r = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(buffer.append(r, 0, r.length)).isTrue();
      }
      BufferCursor cursor = buffer.cursor("s");
      List<byte[]> out = new ArrayList<>();
      long last = cursor.read(60, Long.MAX_VALUE, out);
      cursor.commit(last);
      assertThat(out).hasSize(60);
    }
    try (ChronicleTelemetryBuffer again = ChronicleTelemetryBuffer.open(config)) {
      List<byte[]> rest = new ArrayList<>();
      again.cursor("s").read(100, Long.MAX_VALUE, rest);
      assertThat(rest).hasSize(40);
      assertThat(new String(rest.get(0), StandardCharsets.UTF_8)).isEqualTo("{\"n\":60}");
    }
  }
}
