package dev.obskit.telemetry.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A buffer's random identity, kept in {@code buffer.id} next to its files: created once (written
 * to a temporary file and moved into place), read back at every later open. Batch ids carry it,
 * so buffers on different hosts or in different directories never share a batch id, while a
 * restarted buffer re-sends its in-flight batch under the same id.
 */
final class BufferIdentity {
  static final String FILE = "buffer.id";
  private static final SecureRandom RANDOM = new SecureRandom();

  private BufferIdentity() {}

  static String random() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Returns the identity stored in {@code directory}, creating it on first use. */
  static String readOrCreate(Path directory) {
    Path file = directory.resolve(FILE);
    try {
      String existing = read(file);
      if (existing != null) {
        return existing;
      }
      String id = random();
      Path tmp = directory.resolve(FILE + ".tmp");
      Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the identity file " + file, e);
    }
  }

  /** Returns the stored id, or null if the file is missing or not 16 hex digits (re-created). */
  private static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
    return s.matches("[0-9a-f]{16}") ? s : null;
  }
}
