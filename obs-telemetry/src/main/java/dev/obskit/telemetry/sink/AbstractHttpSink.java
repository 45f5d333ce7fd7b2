package dev.obskit.telemetry.sink;

import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Common send path of the HTTP sinks: body, optional gzip, batch id header, classification. */
abstract class AbstractHttpSink implements TelemetrySink {
  private final String name;
  private final OkHttpClient client;
  private final HttpUrl url;
  private final boolean gzip;

  AbstractHttpSink(String name, OkHttpClient client, HttpUrl url, boolean gzip) {
    this.name = Objects.requireNonNull(name, "name");
    this.client = client == null ? HttpSupport.sharedClient() : client;
    this.url = url;
    this.gzip = gzip;
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
    byte[] body;
    try {
      body = body(batch);
      if (gzip) {
        body = HttpSupport.gzip(body);
      }
    } catch (RuntimeException e) {
      // A record we cannot turn into a request will never succeed.
      return SendResult.reject(0, "cannot encode batch: " + e);
    }
    Request.Builder request = new Request.Builder()
        .url(url)
        .header(SinkBatch.BATCH_ID_HEADER, batch.batchId())
        .post(RequestBody.create(body, mediaType()));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    headers(request);
    return HttpSupport.execute(client, request.build());
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
