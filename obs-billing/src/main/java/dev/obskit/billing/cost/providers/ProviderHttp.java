package dev.obskit.billing.cost.providers;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The JDK HTTP client with what every provider call needs: connect and request timeouts, a
 * bounded response body, and retries of transport errors, 429 and 5xx with exponential backoff
 * (attempts and backoff configurable; the sleep is injectable so tests never sleep). Blocks for at
 * most {@code attempts x (timeout + backoff)}. Thread-safe.
 */
final class ProviderHttp {
  static final int MAX_BODY_BYTES = 4 << 20;

  /** Waits between attempts. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client;
  private final Duration timeout;
  private final int attempts;
  private final Duration backoff;
  private final Sleeper sleeper;

  ProviderHttp(Duration timeout, int attempts, Duration backoff, Sleeper sleeper) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("attempts must be 1 to 10, got " + attempts);
    }
    this.attempts = attempts;
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  static ProviderHttp defaults() {
    return new ProviderHttp(Duration.ofSeconds(30), 3, Duration.ofSeconds(1),
        d -> Thread.sleep(d.toMillis()));
  }

  /**
   * Sends the request, retrying transport errors, 429 and 5xx; returns the last response (which may
   * be a 4xx). Throws {@link ProviderException} when every attempt failed.
   */
  Response send(HttpRequest request) {
    return send(() -> request);
  }

  /** As {@link #send(HttpRequest)}, building each attempt's request afresh. */
  Response send(java.util.function.Supplier<HttpRequest> requests) {
    ProviderException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        pause(attempt);
      }
      HttpRequest request = requests.get();
      try {
        Response response = once(request);
        if (response.status() != 429 && response.status() < 500) {
          return response;
        }
        last = new ProviderException(describe(request) + " answered " + response.status(),
            response.status(), null);
      } catch (IOException e) {
        last = new ProviderException(describe(request) + " failed: " + e.getMessage(), 0, e);
      }
    }
    throw last;
  }

  HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
        .header("User-Agent", "obskit-billing");
  }

  private Response once(HttpRequest request) throws IOException {
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
          throw new IOException("response larger than " + MAX_BODY_BYTES + " bytes");
        }
        return new Response(response.statusCode(), new String(body, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private void pause(int attempt) {
    try {
      sleeper.sleep(backoff.multipliedBy(1L << (attempt - 2)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("interrupted while waiting to retry", 0, e);
    }
  }

  /** Method and URI without the query string (which may name accounts, never secrets). */
  static String describe(HttpRequest request) {
    URI uri = request.uri();
    return request.method() + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
  }
}
