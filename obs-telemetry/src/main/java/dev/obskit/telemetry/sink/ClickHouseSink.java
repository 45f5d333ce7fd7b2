package dev.obskit.telemetry.sink;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * ClickHouse's HTTP interface: {@code POST /?query=INSERT INTO <table> FORMAT JSONEachRow} with one
 * record per line, unknown fields skipped ({@code input_format_skip_unknown_fields=1}) so the
 * table can hold only the columns it needs. Credentials go in {@code X-ClickHouse-User}/
 * {@code X-ClickHouse-Key}. The scale-out path for hosts that outgrow one machine.
 *
 * <p>ClickHouse puts no size limit on an INSERT body, but says "too large" in two ways the sender
 * must split on rather than retry forever: HTTP 413 ({@code QUERY_IS_TOO_LARGE}, or a proxy in
 * front), and HTTP 500 with {@code X-ClickHouse-Exception-Code: 241} ({@code MEMORY_LIMIT_EXCEEDED})
 * for a batch of more than one record. A single record over the memory limit stays a retry: the
 * limit may be the server's total memory, which frees up. A proxy's body limit can be matched with
 * {@link Builder#setMaxRequestBytes}.
 */
public final class ClickHouseSink extends AbstractHttpSink {
  private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final MediaType NDJSON = MediaType.get("application/x-ndjson");
  /** ClickHouse's error code MEMORY_LIMIT_EXCEEDED. */
  static final String MEMORY_LIMIT_EXCEEDED = "241";

  private final String user;
  private final String password;

  private ClickHouseSink(Builder b, HttpUrl url) {
    super(b.name, b.client, url, b.gzip, b.maxRequestBytes);
    this.user = b.user;
    this.password = b.password;
  }

  /** Returns a builder; URL and table are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  byte[] body(SinkBatch batch) {
    return ndjson(batch);
  }

  @Override
  MediaType mediaType() {
    return NDJSON;
  }

  @Override
  void headers(Request.Builder request) {
    if (user != null) {
      request.header("X-ClickHouse-User", user);
    }
    if (password != null) {
      request.header("X-ClickHouse-Key", password);
    }
  }

  @Override
  SendResult classify(int code, Headers headers, String body, SinkBatch batch) {
    SendResult r = super.classify(code, headers, body, batch);
    boolean memory = MEMORY_LIMIT_EXCEEDED.equals(headers.get("X-ClickHouse-Exception-Code"))
        || body.contains("(MEMORY_LIMIT_EXCEEDED)");
    if (r.outcome() == SendResult.Outcome.RETRY && memory && batch.records().size() > 1) {
      return SendResult.tooLarge(code, r.reason());
    }
    return r;
  }

  @Override
  public String toString() {
    return "ClickHouseSink{" + url().host() + "}";
  }

  /** Builder for {@link ClickHouseSink}; not thread-safe. */
  public static final class Builder {
    private String name = "clickhouse";
    private String url;
    private String table = "logs";
    private String user;
    private String password;
    private OkHttpClient client;
    private boolean gzip = true;
    private long maxRequestBytes = Long.MAX_VALUE;

    Builder() {}

    /** Sets the sink name used in stats, logs, batch ids and the position file; must be unique per pipeline. */
    public Builder setName(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** The HTTP interface base URL, e.g. {@code http://clickhouse:8123}. */
    public Builder setUrl(String url) {
      this.url = requireNonNull(url, "url");
      return this;
    }

    /** Target table, {@code name} or {@code database.name}; default {@code logs}. */
    public Builder setTable(String table) {
      this.table = requireNonNull(table, "table");
      return this;
    }

    /** Sets the ClickHouse user ({@code X-ClickHouse-User}). */
    public Builder setUser(String user) {
      this.user = requireNonNull(user, "user");
      return this;
    }

    /** Sets the ClickHouse password ({@code X-ClickHouse-Key}); never logged. */
    public Builder setPassword(String password) {
      this.password = requireNonNull(password, "password");
      return this;
    }

    /** Uses {@code client} instead of the shared one (custom proxy, TLS, timeouts). */
    public Builder setHttpClient(OkHttpClient client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** Compresses bodies with gzip ({@code Content-Encoding: gzip}). */
    public Builder setGzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /**
     * Sets the largest request body (as sent, after gzip) to send, e.g. a proxy's body limit;
     * larger batches are split. Default: none (ClickHouse itself has none); at least 1024.
     */
    public Builder setMaxRequestBytes(long maxRequestBytes) {
      this.maxRequestBytes = HttpSupport.checkMaxRequestBytes(maxRequestBytes);
      return this;
    }

    /** Builds the sink; throws naming the setting when the URL or table name is invalid. */
    public ClickHouseSink build() {
      HttpUrl base = HttpSupport.parseUrl("url", url);
      if (!TABLE.matcher(table).matches()) {
        throw new IllegalArgumentException("table must be an identifier (db.table), got '"
            + table + "'");
      }
      HttpUrl full = base.newBuilder()
          .setQueryParameter("query", "INSERT INTO " + table + " FORMAT JSONEachRow")
          .setQueryParameter("input_format_skip_unknown_fields", "1")
          .setQueryParameter("date_time_input_format", "best_effort")
          .build();
      return new ClickHouseSink(this, full);
    }
  }
}
