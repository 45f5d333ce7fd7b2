package dev.obskit.incidents.notify;

import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One HTTP POST and its classification, shared by the HTTP notifiers: 2xx delivered; 408, 425,
 * 429 and 5xx retryable; any other status permanent; an I/O failure (timeout, refused) retryable.
 * Details name only the host, never the URL, because webhook URLs are secrets.
 */
final class HttpPoster {
  /** Default connect timeout. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Default bound on one whole call (connect, write, read). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
  private static final OkHttpClient DEFAULT = new OkHttpClient.Builder()
      .connectTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
      .callTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
      .retryOnConnectionFailure(false)
      .build();

  private HttpPoster() {}

  /** Returns the shared client (OkHttp clients should be shared). */
  static OkHttpClient defaultClient() {
    return DEFAULT;
  }

  /** Validates {@code url} as an absolute http(s) URL, naming {@code what} in the error. */
  static HttpUrl parseUrl(String what, String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException(what + " must be an absolute http(s) URL");
    }
    return parsed;
  }

  static DeliveryResult post(OkHttpClient client, HttpUrl url, RequestBody body,
      Map<String, String> headers) {
    long start = System.nanoTime();
    Request.Builder request = new Request.Builder().url(url).post(body)
        .header("User-Agent", "ObsKit-Incidents/1");
    headers.forEach(request::header);
    try (Response response = client.newCall(request.build()).execute()) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      int code = response.code();
      if (code >= 200 && code < 300) {
        return DeliveryResult.delivered(1, elapsed);
      }
      DeliveryStatus status = isRetryable(code) ? DeliveryStatus.RETRYABLE_FAILURE
          : DeliveryStatus.PERMANENT_FAILURE;
      return DeliveryResult.failed(status, 1, "HTTP " + code + " from " + url.host(), elapsed);
    } catch (IOException e) {
      return DeliveryResult.failed(DeliveryStatus.RETRYABLE_FAILURE, 1,
          e.getClass().getSimpleName() + " posting to " + url.host(),
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  static boolean isRetryable(int code) {
    return code == 408 || code == 425 || code == 429 || code >= 500;
  }
}
