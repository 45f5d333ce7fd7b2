package dev.obskit.telemetry.ship;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.telemetry.sink.SendResult;
import dev.obskit.telemetry.sink.SinkBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends rejected batches to {@code <dir>/<sink>.deadletter.ndjson}, one line per batch:
 * {@code {"batch_id":..,"sink":..,"status":400,"reason":"HTTP 400: ..","at":"..","records":[..]}}
 * with the records embedded as they were buffered, so an operator can fix and replay them. Used by
 * one sender thread.
 */
final class DeadLetterWriter {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final long maxBytes;

  DeadLetterWriter(Path directory, String sink, long maxBytes) {
    this.file = directory.resolve(sink.replaceAll("[^A-Za-z0-9._-]", "_") + ".deadletter.ndjson");
    this.maxBytes = maxBytes;
  }

  Path file() {
    return file;
  }

  /** Writes the batch; returns false (and logs) if the file is full or cannot be written. */
  boolean write(String sink, SinkBatch batch, SendResult result) {
    try {
      byte[] line = line(sink, batch, result);
      Files.createDirectories(file.getParent());
      long size = Files.exists(file) ? Files.size(file) : 0;
      if (size + line.length > maxBytes) {
        log.error("Dead-letter file {} is full ({} bytes); batch {} of {} records rejected with"
            + " '{}' is discarded", file, size, batch.batchId(), batch.records().size(),
            result.reason());
        return false;
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        out.write(line);
      }
      log.warn("Telemetry sink '{}' rejected batch {} ({} records): {}; written to {}", sink,
          batch.batchId(), batch.records().size(), result.reason(), file);
      return true;
    } catch (IOException e) {
      log.error("Cannot write dead-letter file {}: {}", file, e.toString());
      return false;
    }
  }

  private static byte[] line(String sink, SinkBatch batch, SendResult result) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64,
        batch.bytes() + 256));
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("batch_id", batch.batchId());
      g.writeStringField("sink", sink);
      g.writeNumberField("status", result.status());
      g.writeStringField("reason", result.reason());
      g.writeStringField("at", Instant.now().toString());
      g.writeArrayFieldStart("records");
      for (byte[] r : batch.records()) {
        g.writeRawValue(new String(r, java.nio.charset.StandardCharsets.UTF_8));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }
}
