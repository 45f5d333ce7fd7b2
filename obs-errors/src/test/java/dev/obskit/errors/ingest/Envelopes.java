package dev.obskit.errors.ingest;

import dev.obskit.errors.TestKits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Hand-built envelopes and requests. */
final class Envelopes {
  static final String EVENT_ID = "9ec79c33ec9942ab8353589fcb2e04dc";
  static final String AUTH_JAVA = "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=" + TestKits.KEY;
  static final String AUTH_SPACED = "Sentry sentry_version=7, sentry_client=sentry.python/2.0, sentry_key=" + TestKits.KEY;

  private Envelopes() {}

  static String event(String type, String value, String function) {
    return "{\"event_id\":\"" + EVENT_ID + "\",\"timestamp\":\"2026-11-22T04:00:00.000Z\",\"platform\":\"java\","
        + "\"exception\":{\"values\":[{\"type\":\"" + type + "\",\"value\":\"" + value + "\",\"module\":\"java.lang\","
        + "\"stacktrace\":{\"frames\":[{\"module\":\"java.lang.Thread\",\"function\":\"run\",\"lineno\":833},"
        + "{\"module\":\"com.shop.Orders\",\"function\":\"" + function + "\",\"lineno\":12,\"in_app\":true}]},"
        + "\"mechanism\":{\"type\":\"chained\",\"exception_id\":0}}]},\"fingerprint\":[],\"user\":{},"
        + "\"breadcrumbs\":[{\"timestamp\":\"2026-11-22T03:59:59Z\",\"message\":\"clicked\"}],\"tags\":{\"a\":\"b\"}}";
  }

  static String envelope(String eventJson) {
    int len = eventJson.getBytes(StandardCharsets.UTF_8).length;
    return "{\"event_id\":\"" + EVENT_ID + "\",\"sdk\":{\"name\":\"sentry.java\"},\"sent_at\":\"2026-11-22T04:00:01Z\"}\n"
        + "{\"content_type\":\"application/json\",\"type\":\"event\",\"length\":" + len + "}\n"
        + eventJson + "\n";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static IngestRequest post(String path, byte[] body, String... headerPairs) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    return new IngestRequest("POST", path, query, headers, body);
  }

  static IngestRequest envelopeRequest(byte[] body, String... extraHeaders) {
    String[] headers = new String[extraHeaders.length + 2];
    headers[0] = "X-Sentry-Auth";
    headers[1] = AUTH_JAVA;
    System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
    return post("/api/42/envelope/", body, headers);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] zlib(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
