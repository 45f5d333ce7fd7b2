package dev.obskit.telemetry.sink;

import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Common send path of the HTTP sinks: body, optional gzip, size check, batch id header,
 * classification.
 */
abstract class AbstractHttpSink implements TelemetrySink {
  private final String name;
  private final OkHttpClient client;
  private final HttpUrl url;
  private static final Logger log = LoggerFactory.getLogger(AbstractHttpSink.class);
  /** Turned off for good when the server proves it does not decode gzip; sender thread only. */
  private boolean gzip;
  private final long maxRequestBytes;

  AbstractHttpSink(String name, OkHttpClient client, HttpUrl url, boolean gzip,
      long maxRequestBytes) {
    this.name = Objects.requireNonNull(name, "name");
    this.client = client == null ? HttpSupport.sharedClient() : client;
    this.url = url;
    this.gzip = gzip;
    this.maxRequestBytes = maxRequestBytes;
  }

  /**
   * The request limit minus 1/64: room for the array/line separators (one byte per record) and
   * for gzip's worst case on incompressible data (5 bytes per 64 KiB block plus an 18-byte frame),
   * so a batch filled to this many record bytes fits the limit; bodies are checked again before
   * sending.
   */
  @Override
  public long maxBatchBytes() {
    return maxRequestBytes == Long.MAX_VALUE ? Long.MAX_VALUE
        : maxRequestBytes - maxRequestBytes / 64;
  }

  /** Returns the largest request body (as sent, compressed if gzip is on) this sink sends. */
  public long maxRequestBytes() {
    return maxRequestBytes;
  }

  /**
   * Classifies an answer; sinks whose servers signal "too large" in other ways override this.
   * Called on the sender thread.
   */
  SendResult classify(int code, Headers headers, String body, SinkBatch batch) {
    return HttpSupport.DEFAULT.classify(code, headers, body);
  }

  @Override
  public final String getName() {
    return name;
  }

  HttpUrl url() {
    return url;
  }

  /** Returns the request body for {@code batch} (uncompressed). */
  abstract byte[] body(SinkBatch batch);

  abstract MediaType mediaType();

  /** Adds authentication and protocol headers. */
  abstract void headers(Request.Builder request);

  @Override
  public SendResult send(SinkBatch batch) {
    byte[] plain;
    try {
      plain = body(batch);
    } catch (RuntimeException e) {
      // A record we cannot turn into a request will never succeed.
      return SendResult.reject(0, "cannot encode batch: " + e);
    }
    if (!gzip) {
      return post(batch, plain, false);
    }
    SendResult r = post(batch, HttpSupport.gzip(plain), true);
    if (r.outcome() == SendResult.Outcome.REJECT && (r.status() == 406 || r.status() == 415)) {
      // No endpoint here documents Content-Encoding: if the compressed body was refused as
      // unreadable but the same body uncompressed is accepted, the server does not decode gzip;
      // stop compressing rather than dead-letter every batch.
      SendResult plainResult = post(batch, plain, false);
      if (plainResult.outcome() == SendResult.Outcome.SUCCESS) {
        gzip = false;
        log.warn("Telemetry sink '{}' refused a gzip body ({}) and accepted it uncompressed;"
            + " sending uncompressed from now on", name, r.reason());
      }
      return plainResult;
    }
    return r;
  }

  private SendResult post(SinkBatch batch, byte[] body, boolean compressed) {
    if (body.length > maxRequestBytes) {
      return HttpSupport.overLimit(name, body.length, maxRequestBytes);
    }
    Request.Builder request = new Request.Builder()
        .url(url)
        .header(SinkBatch.BATCH_ID_HEADER, batch.batchId())
        .post(RequestBody.create(body, mediaType()));
    if (compressed) {
      request.header("Content-Encoding", "gzip");
    }
    headers(request);
    return HttpSupport.execute(client, request.build(),
        (code, headers, text) -> classify(code, headers, text, batch));
  }

  /** Returns true while request bodies are gzip-compressed. */
  boolean gzipActive() {
    return gzip;
  }

  /** Joins records as {@code [r1,r2,...]} without re-parsing them. */
  static byte[] jsonArray(SinkBatch batch) {
    return join(batch, (byte) '[', (byte) ',', (byte) ']');
  }

  /** Joins records as newline-delimited JSON. */
  static byte[] ndjson(SinkBatch batch) {
    return join(batch, (byte) 0, (byte) '\n', (byte) '\n');
  }

  private static byte[] join(SinkBatch batch, byte open, byte sep, byte close) {
    int n = batch.records().size();
    byte[] out = new byte[(int) batch.bytes() + n + 2];
    int pos = 0;
    if (open != 0) {
      out[pos++] = open;
    }
    for (int i = 0; i < n; i++) {
      byte[] r = batch.records().get(i);
      if (i > 0) {
        out[pos++] = sep;
      }
      System.arraycopy(r, 0, out, pos, r.length);
      pos += r.length;
    }
    out[pos++] = close;
    return pos == out.length ? out : java.util.Arrays.copyOf(out, pos);
  }
}
