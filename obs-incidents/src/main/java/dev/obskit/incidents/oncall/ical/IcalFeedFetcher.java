package dev.obskit.incidents.oncall.ical;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Downloads an iCal feed (Google Calendar, Outlook, another ObsKit) for
 * {@link OnCallCalendars#importOverrides(dev.obskit.core.id.TeamId, dev.obskit.core.id.ScheduleId,
 * String, URI, IcalFeedFetcher)} with the JDK HTTP client. Bounded: the whole request (connect,
 * headers, body) gives up after {@link #timeout()}, the body is cut off past
 * {@link #maxBytes()}, only {@code http}, {@code https} and {@code webcal} (read as https) URLs are
 * accepted, and only a 2xx answer is read. Blocks the calling thread for at most the timeout, so
 * call it from a scheduler, not from a request thread. Thread-safe.
 */
public final class IcalFeedFetcher {
  /** Default {@link #timeout()}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final Duration timeout;
  private final int maxBytes;

  private IcalFeedFetcher(Duration timeout, int maxBytes) {
    dev.obskit.core.config.Checks.durationBetween("timeout", timeout, Duration.ofMillis(1),
        Duration.ofMinutes(5));
    dev.obskit.core.config.Checks.positive("maxBytes", maxBytes);
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Returns a fetcher with {@link #DEFAULT_TIMEOUT} and the parser's default size limit. */
  public static IcalFeedFetcher withDefaults() {
    return new IcalFeedFetcher(DEFAULT_TIMEOUT, OverrideFeedParser.DEFAULT_MAX_BYTES);
  }

  /** Returns a fetcher with these bounds. */
  public static IcalFeedFetcher create(Duration timeout, int maxBytes) {
    return new IcalFeedFetcher(Objects.requireNonNull(timeout, "timeout"), maxBytes);
  }

  /** Returns the bound on the whole request. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns the largest body read. */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * Returns the body of {@code url}.
   *
   * @throws CalendarImportException for a bad URL, a non-2xx answer or an oversized body
   * @throws IOException if the server cannot be reached or the timeout passes
   */
  public byte[] fetch(URI url) throws IOException {
    URI target = normalise(Objects.requireNonNull(url, "url"));
    HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout)
        .header("Accept", "text/calendar, */*;q=0.5").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching iCal feed " + redact(target), e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw new CalendarImportException("iCal feed " + redact(target) + " answered HTTP "
            + response.statusCode());
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxBytes) {
        throw new CalendarImportException("iCal feed " + redact(target) + " declares "
            + declared + " bytes, more than the limit of " + maxBytes + "; refused");
      }
      return OverrideFeedParser.readCapped(body, maxBytes);
    }
  }

  private static URI normalise(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http", "https":
        return url;
      case "webcal":
        return URI.create("https" + url.toString().substring("webcal".length()));
      default:
        throw new CalendarImportException("iCal feed URL must be http, https or webcal, got "
            + redact(url));
    }
  }

  /** Secret export URLs carry their token in the path or query; never echo them in errors. */
  private static String redact(URI url) {
    return (url.getScheme() == null ? "" : url.getScheme() + "://")
        + (url.getHost() == null ? "?" : url.getHost()) + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + "/...";
  }
}
