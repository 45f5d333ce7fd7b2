package dev.obskit.telemetry.buffer;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reports the usable space of the volume holding a buffer. Called from the buffer's housekeeping
 * thread (not on the append path); tests replace it to simulate a full disk.
 */
@FunctionalInterface
public interface DiskSpaceProbe {
  /** Returns the bytes an unprivileged writer may still use on the volume. */
  long usableBytes() throws IOException;

  /** Returns a probe over the {@link FileStore} of {@code directory} (resolved once). */
  static DiskSpaceProbe of(Path directory) throws IOException {
    FileStore store = Files.getFileStore(directory);
    return store::getUsableSpace;
  }
}
