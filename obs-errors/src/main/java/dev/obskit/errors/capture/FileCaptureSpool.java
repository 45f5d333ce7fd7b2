package dev.obskit.errors.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CaptureSpool} of append-only segment files in one directory: each record is a 4-byte
 * length and the event's bytes; a segment is deleted once read to its end. Bounded by {@code
 * maxBytes} over all segments: an append that would pass it is refused. Durable across restarts:
 * segments found at open are read first (a record interrupted by a crash ends its segment).
 * Records are written to the OS page cache, not forced to the device, so a process crash loses
 * nothing and a power loss may lose the last records. Thread-safe (one lock; appends happen only
 * while the tracker's queue is full, polls on its worker).
 */
public final class FileCaptureSpool implements CaptureSpool {
  private static final Logger log = LoggerFactory.getLogger(FileCaptureSpool.class);
  private static final String PREFIX = "capture-";
  private static final String SUFFIX = ".spool";
  /** Largest single record; a larger event is refused. */
  static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;

  private final Path directory;
  private final long maxBytes;
  private final long segmentBytes;
  private final Deque<Long> segments = new ArrayDeque<>();
  private long storedBytes;
  private long count;
  private long nextSegment;
  private FileChannel writer;
  private long writerSegment = -1;
  private long writerSize;
  private FileChannel reader;
  private long readerSegment = -1;
  private boolean closed;

  private FileCaptureSpool(Path directory, long maxBytes, long segmentBytes) throws IOException {
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
    Files.createDirectories(directory);
    recover();
  }

  /**
   * Opens (creating it if needed) the spool in {@code directory}, bounded by {@code maxBytes}
   * (segments of up to 4 MiB or a quarter of it). Events left by an earlier process come first.
   *
   * @throws UncheckedIOException when the directory cannot be created or read
   */
  public static FileCaptureSpool open(Path directory, long maxBytes) {
    Objects.requireNonNull(directory, "directory");
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("maxBytes must be at least 1024, got " + maxBytes);
    }
    try {
      return new FileCaptureSpool(directory, maxBytes, Math.max(512, Math.min(4L << 20, maxBytes / 4)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open capture spool " + directory, e);
    }
  }

  private void recover() throws IOException {
    List<Long> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        try {
          found.add(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
        } catch (NumberFormatException e) {
          log.warn("ignoring unexpected file {} in capture spool", f);
        }
      }
    }
    Collections.sort(found);
    for (long seq : found) {
      segments.addLast(seq);
      long size = Files.size(segment(seq));
      storedBytes += size;
      count += countRecords(seq, size);
      nextSegment = seq + 1;
    }
  }

  private long countRecords(long seq, long size) throws IOException {
    long n = 0;
    try (FileChannel ch = FileChannel.open(segment(seq), StandardOpenOption.READ)) {
      ByteBuffer len = ByteBuffer.allocate(4);
      long pos = 0;
      while (pos + 4 <= size) {
        len.clear();
        ch.read(len, pos);
        len.flip();
        int l = len.getInt();
        if (l < 0 || l > MAX_RECORD_BYTES || pos + 4 + l > size) {
          break;
        }
        pos += 4 + l;
        n++;
      }
    }
    return n;
  }

  private Path segment(long seq) {
    return directory.resolve(PREFIX + String.format("%019d", seq) + SUFFIX);
  }

  @Override
  public synchronized boolean append(byte[] event) {
    Objects.requireNonNull(event, "event");
    long record = 4L + event.length;
    if (closed || event.length > MAX_RECORD_BYTES || storedBytes + record > maxBytes) {
      return false;
    }
    try {
      if (writer == null || writerSize + record > segmentBytes && writerSize > 0) {
        rollWriter();
      }
      ByteBuffer buf = ByteBuffer.allocate((int) record).putInt(event.length).put(event);
      buf.flip();
      while (buf.hasRemaining()) {
        writer.write(buf);
      }
      writerSize += record;
      storedBytes += record;
      count++;
      return true;
    } catch (IOException e) {
      log.warn("capture spool {} could not append: {}", directory, e.toString());
      return false;
    }
  }

  private void rollWriter() throws IOException {
    if (writer != null) {
      writer.close();
    }
    writerSegment = nextSegment++;
    writer = FileChannel.open(segment(writerSegment), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    writerSize = 0;
    segments.addLast(writerSegment);
  }

  @Override
  public synchronized byte[] poll() {
    while (!closed && !segments.isEmpty()) {
      long seq = segments.peekFirst();
      try {
        if (reader == null || readerSegment != seq) {
          closeReader();
          reader = FileChannel.open(segment(seq), StandardOpenOption.READ);
          readerSegment = seq;
        }
        byte[] event = readRecord();
        if (event != null) {
          count--;
          return event;
        }
        if (seq == writerSegment) {
          return null; // everything written so far has been read
        }
        finishSegment(seq);
      } catch (IOException e) {
        log.warn("capture spool {} could not read segment {}: {}", directory, seq, e.toString());
        finishSegment(seq);
      }
    }
    return null;
  }

  /** Reads the record at the reader's position, or null at the end of what was written. */
  private byte[] readRecord() throws IOException {
    long pos = reader.position();
    long size = reader.size();
    if (pos + 4 > size) {
      return null;
    }
    ByteBuffer len = ByteBuffer.allocate(4);
    readFully(len);
    int l = len.flip().getInt();
    if (l < 0 || l > MAX_RECORD_BYTES || pos + 4 + l > size) {
      reader.position(size); // a torn or corrupt tail: the rest of the segment is unreadable
      return null;
    }
    ByteBuffer body = ByteBuffer.allocate(l);
    readFully(body);
    return body.array();
  }

  private void readFully(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      if (reader.read(buf) < 0) {
        throw new IOException("unexpected end of segment");
      }
    }
  }

  private void finishSegment(long seq) {
    closeReader();
    segments.removeFirst();
    if (seq == writerSegment) {
      try {
        writer.close();
      } catch (IOException ignored) {
        // closing a file we are about to delete
      }
      writer = null;
      writerSegment = -1;
    }
    try {
      Path p = segment(seq);
      storedBytes -= Files.size(p);
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("capture spool {} could not delete segment {}: {}", directory, seq, e.toString());
    }
    if (segments.isEmpty()) {
      storedBytes = 0;
      count = 0;
    }
  }

  private void closeReader() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException ignored) {
        // read-only handle
      }
      reader = null;
      readerSegment = -1;
    }
  }

  @Override
  public synchronized long size() {
    return count;
  }

  /** Returns the bytes the spool's segments take, read records included until a segment ends. */
  public synchronized long storedBytes() {
    return storedBytes;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeReader();
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        log.warn("capture spool {} close failed: {}", directory, e.toString());
      }
    }
  }
}
