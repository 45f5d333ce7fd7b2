package dev.obskit.telemetry;

import dev.obskit.telemetry.encode.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import okhttp3.mockwebserver.RecordedRequest;

/** Helpers to decode what the sinks sent, written independently of the code under test. */
public final class TestSupport {
  private TestSupport() {}

  public static byte[] body(RecordedRequest request) {
    byte[] raw = request.getBody().readByteArray();
    if ("gzip".equals(request.getHeader("Content-Encoding"))) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return raw;
  }

  /** Parses a JSON array of objects (Better Stack body) into maps. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> jsonArray(byte[] body) {
    String wrapped = "{\"a\":" + new String(body, StandardCharsets.UTF_8) + "}";
    Object list = RecordReader.parse(wrapped.getBytes(StandardCharsets.UTF_8)).get("a");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<Object>) list) {
      out.add((Map<String, Object>) o);
    }
    return out;
  }

  /** Parses NDJSON lines into maps. */
  public static List<Map<String, Object>> ndjson(byte[] body) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(RecordReader.parse(line.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }
}
