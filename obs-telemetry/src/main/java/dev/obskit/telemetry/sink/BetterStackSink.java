package dev.obskit.telemetry.sink;

import static java.util.Objects.requireNonNull;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Better Stack HTTP log ingestion: {@code POST <ingest host>/} with
 * {@code Authorization: Bearer <source token>} and a JSON array of records, each carrying its
 * timestamp in {@code dt} (RFC 3339). 202 is success; 403 (bad token) and 406 (unparseable) are
 * permanent and dead-lettered; 413 (too large) makes the sender split the batch; 429/5xx are
 * retried; 402 (quota) retries slowly.
 *
 * <p>Size: Better Stack documents at most 10 MiB of compressed data per request (and, on the 413
 * row of the same page, "over 20 MiB"; the smaller figure is used). Bodies over
 * {@link #DEFAULT_MAX_REQUEST_BYTES} are not sent but split, and batches are capped below it, so
 * the documented limit is never exceeded. Thread-compatible: one sender thread calls it.
 */
public final class BetterStackSink extends AbstractHttpSink {
  /** The ingest URL the Better Stack logback appender uses when none is configured. */
  public static final String DEFAULT_INGEST_URL = "https://in.logs.betterstack.com";
  /** Better Stack's documented request limit: 10 MiB of (compressed) data. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;
  private static final MediaType JSON = MediaType.get("application/json");

  private final String authorization;

  private BetterStackSink(Builder b, HttpUrl url) {
    super(b.name, b.client, url, b.gzip, b.maxRequestBytes);
    this.authorization = "Bearer " + b.sourceToken;
  }

  /** Returns a builder; a source token is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  byte[] body(SinkBatch batch) {
    return jsonArray(batch);
  }

  @Override
  MediaType mediaType() {
    return JSON;
  }

  @Override
  void headers(Request.Builder request) {
    request.header("Authorization", authorization);
  }

  @Override
  public String toString() {
    return "BetterStackSink{" + url() + "}"; // never the token
  }

  /** Builder for {@link BetterStackSink}; not thread-safe. */
  public static final class Builder {
    private String name = "betterstack";
    private String ingestUrl = DEFAULT_INGEST_URL;
    private String sourceToken;
    private OkHttpClient client;
    private boolean gzip = true;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

    Builder() {}

    /** Sets the sink name used in stats, logs, batch ids and the position file; must be unique per pipeline. */
    public Builder setName(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** Sets the Better Stack ingestion URL (the source's host); must be http(s). */
    public Builder setIngestUrl(String ingestUrl) {
      this.ingestUrl = requireNonNull(ingestUrl, "ingestUrl");
      return this;
    }

    /** Sets the source token sent as {@code Authorization: Bearer}; required, never logged. */
    public Builder setSourceToken(String sourceToken) {
      this.sourceToken = requireNonNull(sourceToken, "sourceToken");
      return this;
    }

    /** Uses {@code client} instead of the shared one (custom proxy, TLS, timeouts). */
    public Builder setHttpClient(OkHttpClient client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** Compresses bodies with gzip ({@code Content-Encoding: gzip}); default true. */
    public Builder setGzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /**
     * Sets the largest request body (as sent, after gzip) to send; larger batches are split.
     * Default {@link #DEFAULT_MAX_REQUEST_BYTES}; at least 1024.
     */
    public Builder setMaxRequestBytes(long maxRequestBytes) {
      this.maxRequestBytes = HttpSupport.checkMaxRequestBytes(maxRequestBytes);
      return this;
    }

    /** Builds the sink; throws naming the setting when the URL or token is invalid. */
    public BetterStackSink build() {
      HttpUrl url = HttpSupport.parseUrl("ingestUrl", ingestUrl);
      if (sourceToken == null || sourceToken.isBlank()) {
        throw new IllegalArgumentException("sourceToken is required for the Better Stack sink");
      }
      return new BetterStackSink(this, url);
    }
  }
}
