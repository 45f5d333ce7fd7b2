package dev.obskit.telemetry.sink;

import static java.util.Objects.requireNonNull;

import dev.obskit.core.config.Checks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default sink: rolling NDJSON files {@code <prefix>-00001.ndjson},
 * {@code <prefix>-00002.ndjson}, ... in a directory, one record per line. A file rolls when it
 * would exceed {@code maxFileBytes}; beyond {@code maxFiles} the oldest is deleted. An I/O error
 * (disk full, permissions) is reported as a retry, so records stay buffered until it clears.
 * Thread-compatible: one sender thread calls it.
 */
public final class FileSink implements TelemetrySink {
  private static final Logger log = LoggerFactory.getLogger(FileSink.class);
  /** Default size at which a file is rolled over: 64 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
  /** Default number of rolled files kept. */
  public static final int DEFAULT_MAX_FILES = 10;

  private final String name;
  private final Path directory;
  private final String prefix;
  private final long maxFileBytes;
  private final int maxFiles;
  private final Pattern fileNames;
  private OutputStream out;
  private Path current;
  private long currentBytes;
  private int sequence;

  private FileSink(Builder b) {
    this.name = b.name;
    this.directory = b.directory;
    this.prefix = b.prefix;
    this.maxFileBytes = b.maxFileBytes;
    this.maxFiles = b.maxFiles;
    this.fileNames = Pattern.compile(Pattern.quote(prefix) + "-(\\d{5,})\\.ndjson");
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String getName() {
    return name;
  }

  /** Returns the directory the files are written to. */
  public Path directory() {
    return directory;
  }

  @Override
  public SendResult send(SinkBatch batch) {
    try {
      for (byte[] record : batch.records()) {
        if (out == null || currentBytes + record.length + 1 > maxFileBytes && currentBytes > 0) {
          roll();
        }
        out.write(record);
        out.write('\n');
        currentBytes += record.length + 1;
      }
      out.flush();
      return SendResult.success();
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      return SendResult.retry(0, "cannot write " + current + ": " + e, null);
    }
  }

  private void roll() throws IOException {
    closeQuietly();
    Files.createDirectories(directory);
    if (sequence == 0) {
      sequence = highestSequence();
      current = fileFor(Math.max(1, sequence));
      if (sequence > 0 && Files.size(current) < maxFileBytes) {
        openCurrent();
        return;
      }
    }
    sequence = Math.max(1, sequence + 1);
    current = fileFor(sequence);
    openCurrent();
    deleteOldFiles();
  }

  private void openCurrent() throws IOException {
    out = Files.newOutputStream(current, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    currentBytes = Files.size(current);
  }

  private Path fileFor(int seq) {
    return directory.resolve(String.format("%s-%05d.ndjson", prefix, seq));
  }

  private int highestSequence() throws IOException {
    return sequences().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private List<Integer> sequences() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> fileNames.matcher(p.getFileName().toString()))
          .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
    }
  }

  private void deleteOldFiles() throws IOException {
    List<Integer> seqs = sequences();
    for (int i = 0; i < seqs.size() - maxFiles; i++) {
      Files.deleteIfExists(fileFor(seqs.get(i)));
    }
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // Nothing to recover here: the batch is retried from the buffer.
        log.debug("closing {} failed: {}", current, e.toString());
      }
      out = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }

  @Override
  public String toString() {
    return "FileSink{" + directory + "}";
  }

  /** Builder for {@link FileSink}; not thread-safe. */
  public static final class Builder {
    private String name = "file";
    private Path directory = Path.of("obskit-telemetry", "logs");
    private String prefix = "telemetry";
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private int maxFiles = DEFAULT_MAX_FILES;

    Builder() {}

    /** Sets the sink name used in stats, logs, batch ids and the position file; must be unique per pipeline. */
    public Builder setName(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** Sets the directory the NDJSON files are written to; created if missing. */
    public Builder setDirectory(Path directory) {
      this.directory = requireNonNull(directory, "directory");
      return this;
    }

    /** Sets the file name prefix, e.g. {@code telemetry} for {@code telemetry-00001.ndjson}. */
    public Builder setPrefix(String prefix) {
      this.prefix = Checks.notBlank("prefix", prefix);
      return this;
    }

    /** Sets the size at which the current file is rolled over; must be positive. */
    public Builder setMaxFileBytes(long maxFileBytes) {
      this.maxFileBytes = maxFileBytes;
      return this;
    }

    /** Sets how many rolled files are kept; older ones are deleted; must be positive. */
    public Builder setMaxFiles(int maxFiles) {
      this.maxFiles = maxFiles;
      return this;
    }

    /** Builds the sink; throws naming the setting when a value is invalid. */
    public FileSink build() {
      Checks.positive("maxFileBytes", maxFileBytes);
      Checks.positive("maxFiles", maxFiles);
      return new FileSink(this);
    }
  }
}
