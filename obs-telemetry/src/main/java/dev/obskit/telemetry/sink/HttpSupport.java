package dev.obskit.telemetry.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Shared HTTP plumbing of the HTTP sinks: client defaults, gzip, status classification. */
final class HttpSupport {
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
  private static final int MAX_REASON_BODY = 512;
  private static volatile OkHttpClient shared;

  private HttpSupport() {}

  /** One client (one connection pool) for every HTTP sink that is not given its own. */
  static OkHttpClient sharedClient() {
    OkHttpClient c = shared;
    if (c == null) {
      synchronized (HttpSupport.class) {
        if (shared == null) {
          shared = new OkHttpClient.Builder()
              .connectTimeout(5, TimeUnit.SECONDS)
              .readTimeout(15, TimeUnit.SECONDS)
              .writeTimeout(15, TimeUnit.SECONDS)
              .callTimeout(30, TimeUnit.SECONDS)
              // The sender retries with backoff itself; OkHttp's silent retry would hide failures.
              .retryOnConnectionFailure(false)
              // Nagle + the server's delayed ACK stalled each request up to 40 ms.
              .socketFactory(new NoDelaySocketFactory(javax.net.SocketFactory.getDefault()))
              .build();
        }
        c = shared;
      }
    }
    return c;
  }

  /** Parses an http(s) URL or throws naming {@code setting} and the value. */
  static HttpUrl parseUrl(String setting, String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
    if (parsed == null) {
      throw new IllegalArgumentException(setting + " is not a valid http(s) URL: '" + url + "'");
    }
    return parsed;
  }

  /** Checks a configured request size limit; the message names the setting and the value. */
  static long checkMaxRequestBytes(long value) {
    if (value < 1024) {
      throw new IllegalArgumentException("maxRequestBytes must be at least 1024, got " + value);
    }
    return value;
  }

  /**
   * The outcome for a request body over the sink's own limit: not sent, too large (the sender
   * splits the batch). Better than letting the server answer 413 after uploading it.
   */
  static SendResult overLimit(String sink, long bodyBytes, long maxRequestBytes) {
    return SendResult.tooLarge(0, "request body of " + bodyBytes + " bytes exceeds the "
        + maxRequestBytes + "-byte limit of sink '" + sink + "' (not sent)");
  }

  /**
   * gzip at {@link java.util.zip.Deflater#BEST_SPEED}: on 10,000 typical log records (2.7 MB of
   * JSON) it took 12 ms against 28 ms at the default level 6, for a body 12% larger (19.9% of the
   * input instead of 17.7%); at level 6 compression alone would cap one sender at ~360 k records/s.
   */
  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
    try (GZIPOutputStream gz = new FastGzipOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A {@link GZIPOutputStream} at {@link java.util.zip.Deflater#BEST_SPEED}. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(ByteArrayOutputStream out) throws IOException {
      super(out, 8192);
      def.setLevel(java.util.zip.Deflater.BEST_SPEED);
    }
  }

  /** Turns an HTTP answer into an outcome; sinks with protocol-specific errors refine the default. */
  @FunctionalInterface
  interface Classifier {
    SendResult classify(int code, Headers headers, String bodySnippet);
  }

  /** The status-only classification of {@link #classify(int, String, String)}. */
  static final Classifier DEFAULT = (code, headers, body) ->
      classify(code, headers.get("Retry-After"), body);

  /** Executes {@code request} and classifies the answer by status; never throws. */
  static SendResult execute(OkHttpClient client, Request request) {
    return execute(client, request, DEFAULT);
  }

  /** Executes {@code request} and classifies the answer with {@code classifier}; never throws. */
  static SendResult execute(OkHttpClient client, Request request, Classifier classifier) {
    try (Response response = client.newCall(request).execute()) {
      return classifier.classify(response.code(), response.headers(), snippet(response.body()));
    } catch (IOException | RuntimeException e) {
      // Connection refused/reset, timeouts: the batch may or may not have arrived; resend it.
      return SendResult.retry(0, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
    }
  }

  /**
   * 2xx success; 408, 429 and every 5xx retry (honouring Retry-After); 402 (quota exceeded)
   * retries slowly; 413 is "too large" (the sender splits the batch); every other status is
   * permanent and dead-lettered.
   */
  static SendResult classify(int code, String retryAfter, String body) {
    if (code >= 200 && code < 300) {
      return SendResult.success(code);
    }
    String reason = "HTTP " + code + (body.isEmpty() ? "" : ": " + body);
    if (code == 408 || code == 429 || code >= 500) {
      return SendResult.retry(code, reason, parseRetryAfter(retryAfter));
    }
    if (code == 402) {
      return SendResult.retry(code, reason, MAX_RETRY_AFTER);
    }
    if (code == 413) {
      return SendResult.tooLarge(code, reason);
    }
    return SendResult.reject(code, reason);
  }

  /** Parses delta-seconds or an HTTP-date; null when absent or malformed; capped at 10 minutes. */
  static Duration parseRetryAfter(String value) {
    return parseRetryAfter(value, java.time.Clock.systemUTC());
  }

  /** {@link #parseRetryAfter(String)} with an HTTP-date measured from {@code clock}'s now. */
  static Duration parseRetryAfter(String value, java.time.Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    Duration d;
    try {
      d = Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        d = Duration.between(clock.instant(), at.toInstant());
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  private static String snippet(ResponseBody body) {
    if (body == null) {
      return "";
    }
    try {
      okio.BufferedSource source = body.source();
      source.request(MAX_REASON_BODY);
      long n = Math.min(MAX_REASON_BODY, source.getBuffer().size());
      return source.readUtf8(n).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
