package dev.obskit.uptime.history;

import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.state.MachineSnapshot;
import dev.obskit.uptime.state.MonitorState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A {@link HistoryStore} in one file.
 *
 * <p>Format, version {@value #VERSION} (big-endian): the 8 ASCII bytes {@code OBSUPHST}, a
 * 2-byte version, the save time (8-byte epoch milliseconds), then per record a marker byte 1, the
 * monitor id (2-byte length + UTF-8), a flags byte (bit 0: has a state; bit 1: confirmed down),
 * for a state its ordinal byte, the outage start (8 bytes, only when confirmed down) and the last
 * cause (2-byte length + UTF-8, at most {@value #MAX_CAUSE} bytes), the availability blob (4-byte
 * length + bytes); a marker byte 0 ends the records, followed by the CRC-32 of everything before
 * it (4 bytes). Nothing may follow.
 *
 * <p>Saving writes a temporary file next to the target, forces it to disk and renames it over the
 * target atomically, so a crash leaves the old or the new snapshot, never half of one; a save that
 * fails or would exceed the size limit deletes its temporary file and keeps the old snapshot.
 * Loading refuses a file over the limit before reading it, reads it twice (validate everything
 * including the checksum, then deliver), and reports any problem as a {@link
 * CorruptHistoryException} naming the file. Not thread-safe: the module serialises its calls.
 */
public final class FileHistoryStore implements HistoryStore {
  /** The format version written and read. */
  public static final int VERSION = 1;
  /** Default largest snapshot file accepted: 1 GiB (10,000 monitors with a year need ~101 MB). */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  static final int MAX_CAUSE = 1_000;
  private static final byte[] MAGIC = "OBSUPHST".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final long maxBytes;

  private FileHistoryStore(Path file, long maxBytes) {
    this.file = file;
    this.maxBytes = maxBytes;
  }

  /** Returns a store in {@code file} accepting files up to {@link #DEFAULT_MAX_BYTES}. */
  public static FileHistoryStore of(Path file) {
    return of(file, DEFAULT_MAX_BYTES);
  }

  /** Returns a store in {@code file} accepting files up to {@code maxBytes} (at least 1 KiB). */
  public static FileHistoryStore of(Path file, long maxBytes) {
    Objects.requireNonNull(file, "file");
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("maxBytes must be at least 1024, got " + maxBytes);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException("history file needs a parent directory: " + file);
    }
    return new FileHistoryStore(file.toAbsolutePath(), maxBytes);
  }

  /** Returns the snapshot file. */
  public Path file() {
    return file;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public void save(Instant savedAt, Iterator<MonitorRecord> records) throws IOException {
    Objects.requireNonNull(savedAt, "savedAt");
    Objects.requireNonNull(records, "records");
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    boolean done = false;
    try {
      try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
        CRC32 crc = new CRC32();
        LimitedOutput limited = new LimitedOutput(new BufferedOutputStream(fos, 1 << 16));
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(limited, crc));
        out.write(MAGIC);
        out.writeShort(VERSION);
        out.writeLong(savedAt.toEpochMilli());
        while (records.hasNext()) {
          writeRecord(out, records.next());
        }
        out.writeByte(0);
        out.flush();
        long sum = crc.getValue();
        limited.write((int) (sum >>> 24));
        limited.write((int) (sum >>> 16));
        limited.write((int) (sum >>> 8));
        limited.write((int) sum);
        limited.flush();
        fos.getFD().sync();
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private void writeRecord(DataOutputStream out, MonitorRecord r) throws IOException {
    out.writeByte(1);
    writeString(out, r.id().value(), Integer.MAX_VALUE);
    Optional<MachineSnapshot> state = r.state();
    boolean down = state.map(MachineSnapshot::confirmedDown).orElse(false);
    out.writeByte((state.isPresent() ? 1 : 0) | (down ? 2 : 0));
    if (state.isPresent()) {
      MachineSnapshot s = state.get();
      out.writeByte(s.state().ordinal());
      if (down) {
        out.writeLong(s.outageStart().orElseThrow().toEpochMilli());
      }
      writeString(out, s.lastCause(), MAX_CAUSE);
    }
    byte[] blob = r.blob();
    out.writeInt(blob.length);
    out.write(blob);
  }

  private static void writeString(DataOutputStream out, String s, int maxBytes)
      throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(b.length, Math.min(maxBytes, 0xFFFF));
    out.writeShort(n);
    out.write(b, 0, n);
  }

  @Override
  public Optional<Instant> load(Consumer<MonitorRecord> sink) throws IOException {
    Objects.requireNonNull(sink, "sink");
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (size > maxBytes) {
      throw new CorruptHistoryException("history file " + file + " is " + size
          + " bytes, over the limit of " + maxBytes + " bytes");
    }
    Instant savedAt = read(size, null); // validate everything first
    read(size, sink);
    return Optional.of(savedAt);
  }

  /** Reads the file; with a null sink only validates. */
  private Instant read(long size, Consumer<MonitorRecord> sink) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      CountingInput counted = new CountingInput(raw);
      DataInputStream in = new DataInputStream(new CheckedInputStream(counted, crc));
      try {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
          throw corrupt("not an obs-uptime history file (bad magic)", counted);
        }
        int version = in.readUnsignedShort();
        if (version != VERSION) {
          throw corrupt("unsupported format version " + version + " (this version reads "
              + VERSION + ")", counted);
        }
        Instant savedAt = Instant.ofEpochMilli(in.readLong());
        int n = 0;
        for (int marker = in.readUnsignedByte(); marker != 0; marker = in.readUnsignedByte()) {
          if (marker != 1) {
            throw corrupt("bad record marker " + marker, counted);
          }
          MonitorRecord r = readRecord(in, counted, size);
          n++;
          if (sink != null) {
            sink.accept(r);
          }
        }
        long expected = crc.getValue();
        long stored = Integer.toUnsignedLong(new DataInputStream(counted).readInt());
        if (stored != expected) {
          throw corrupt("checksum mismatch (stored " + Long.toHexString(stored) + ", computed "
              + Long.toHexString(expected) + ") after " + n + " records", counted);
        }
        if (counted.read() != -1) {
          throw corrupt("unexpected bytes after the checksum", counted);
        }
        return savedAt;
      } catch (EOFException e) {
        throw corrupt("truncated (file ends early)", counted);
      }
    }
  }

  private MonitorRecord readRecord(DataInputStream in, CountingInput counted, long size)
      throws IOException {
    String id = readString(in, counted, 0xFFFF);
    MonitorId monitorId;
    try {
      monitorId = MonitorId.of(id);
    } catch (IllegalArgumentException e) {
      throw corrupt("bad monitor id: " + e.getMessage(), counted);
    }
    int flags = in.readUnsignedByte();
    if ((flags & ~3) != 0 || flags == 2) {
      throw corrupt("bad flags " + flags + " for monitor " + id, counted);
    }
    Optional<MachineSnapshot> state = Optional.empty();
    if ((flags & 1) != 0) {
      int ordinal = in.readUnsignedByte();
      if (ordinal >= MonitorState.values().length) {
        throw corrupt("bad state " + ordinal + " for monitor " + id, counted);
      }
      boolean down = (flags & 2) != 0;
      Optional<Instant> outage = down ? Optional.of(Instant.ofEpochMilli(in.readLong()))
          : Optional.empty();
      String cause = readString(in, counted, MAX_CAUSE);
      state = Optional.of(new MachineSnapshot(MonitorState.values()[ordinal], down, outage,
          cause));
    }
    int length = in.readInt();
    if (length < 0 || length > size - counted.position()) {
      throw corrupt("availability of monitor " + id + " claims " + length
          + " bytes, more than the file holds", counted);
    }
    byte[] blob = in.readNBytes(length);
    if (blob.length != length) {
      throw new EOFException();
    }
    return new MonitorRecord(monitorId, state, blob);
  }

  private String readString(DataInputStream in, CountingInput counted, int max)
      throws IOException {
    int n = in.readUnsignedShort();
    if (n > max) {
      throw corrupt("string of " + n + " bytes, over " + max, counted);
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException();
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  private CorruptHistoryException corrupt(String why, CountingInput counted) {
    return new CorruptHistoryException("history file " + file + " is unreadable at byte "
        + counted.position() + ": " + why);
  }

  @Override
  public String quarantine(Instant at) throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + at.toEpochMilli());
    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    return aside.toString();
  }

  /** Counts bytes read, for error positions and length checks. */
  private static final class CountingInput extends java.io.FilterInputStream {
    private long position;

    CountingInput(InputStream in) {
      super(in);
    }

    long position() {
      return position;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      position += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      position += Math.max(n, 0);
      return n;
    }
  }

  /** Refuses to write beyond the size limit, so an oversized snapshot never replaces a good one. */
  private final class LimitedOutput extends java.io.FilterOutputStream {
    private long written;

    LimitedOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      count(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count(len);
      out.write(b, off, len);
    }

    private void count(long n) throws IOException {
      written += n;
      if (written > maxBytes) {
        throw new IOException("history snapshot for " + file + " exceeds the limit of "
            + maxBytes + " bytes; previous snapshot kept");
      }
    }
  }
}
