package dev.obskit.uptime.http;

import dev.obskit.uptime.check.Causes;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Checker;
import dev.obskit.uptime.check.HttpSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.check.TrustAll;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * HTTP(S) checks on OkHttp's asynchronous API: the scheduler thread only enqueues, OkHttp's
 * dispatcher runs the exchange, and per-phase timings come from an {@link okhttp3.EventListener}
 * (DNS, connect, TLS, first byte, total). Each call is bounded by the monitor's timeout through
 * {@link Call#timeout()}, so a server that answers slowly is DOWN "timed out", never a stuck
 * thread.
 *
 * <p>Keyword checks read at most {@link #MAX_BODY_BYTES} of the body: a keyword beyond the
 * first MiB is not seen (documented limit, protects the heap from huge responses). Thread-safe.
 */
public final class HttpChecker implements Checker {
  /** How much of a response body keyword checks read. */
  public static final int MAX_BODY_BYTES = 1 << 20;
  /** Default most concurrent HTTP exchanges. */
  public static final int DEFAULT_MAX_CONCURRENT = 256;

  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private final Clock clock;
  private final OkHttpClient verifying;
  private final OkHttpClient verifyingNoRedirects;
  private final OkHttpClient insecure;
  private final OkHttpClient insecureNoRedirects;

  /** Creates a checker on {@code base} (its dispatcher and connection pool are shared). */
  public HttpChecker(Clock clock, OkHttpClient base) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(base, "base");
    OkHttpClient timed = base.newBuilder()
        .eventListenerFactory(call -> listenerOf(call))
        .retryOnConnectionFailure(false)
        .build();
    this.verifying = timed;
    this.verifyingNoRedirects = timed.newBuilder().followRedirects(false)
        .followSslRedirects(false).build();
    this.insecure = timed.newBuilder()
        .sslSocketFactory(TrustAll.socketFactory(), TrustAll.TRUST_MANAGER)
        .hostnameVerifier((host, session) -> true).build();
    this.insecureNoRedirects = insecure.newBuilder().followRedirects(false)
        .followSslRedirects(false).build();
  }

  /** Returns a checker on a default client allowing {@link #DEFAULT_MAX_CONCURRENT} exchanges. */
  public static HttpChecker create(Clock clock) {
    return new HttpChecker(clock, defaultClient(DEFAULT_MAX_CONCURRENT));
  }

  /**
   * Returns the base client the module uses: {@code maxConcurrent} exchanges in flight (the
   * scheduler bounds per-host concurrency itself, so OkHttp's per-host limit is lifted), socket
   * timeouts at the longest monitor timeout (each call sets its own, shorter, call timeout).
   */
  public static OkHttpClient defaultClient(int maxConcurrent) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(maxConcurrent);
    dispatcher.setMaxRequestsPerHost(maxConcurrent);
    Duration max = Monitor.MAX_TIMEOUT;
    return new OkHttpClient.Builder().dispatcher(dispatcher)
        .connectTimeout(max).readTimeout(max).writeTimeout(max).build();
  }

  private static okhttp3.EventListener listenerOf(Call call) {
    TimingListener listener = call.request().tag(TimingListener.class);
    return listener == null ? okhttp3.EventListener.NONE : listener;
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.HTTP;
  }

  @Override
  public String getName() {
    return "okhttp";
  }

  @Override
  public CompletableFuture<CheckResult> check(Monitor monitor) {
    HttpSpec spec = (HttpSpec) monitor.spec();
    Instant startedAt = clock.instant();
    long start = System.nanoTime();
    CompletableFuture<CheckResult> result = new CompletableFuture<>();
    TimingListener listener = new TimingListener();
    Request request;
    try {
      request = request(spec, listener);
    } catch (IllegalArgumentException e) {
      result.complete(CheckResult.down(startedAt, Timings.total(0),
          "invalid request: " + e.getMessage()));
      return result;
    }
    Call call = client(spec).newCall(request);
    call.timeout().timeout(monitor.timeout().toMillis(), TimeUnit.MILLISECONDS);
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        result.complete(CheckResult.down(startedAt, timings(listener, start),
            Causes.describe(e, monitor.timeout())).withDetails(Map.of("url", redacted(spec))));
      }

      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          result.complete(judge(spec, response, listener, startedAt, start));
        } catch (IOException | RuntimeException e) {
          result.complete(CheckResult.down(startedAt, timings(listener, start),
              Causes.describe(e, monitor.timeout())).withDetails(Map.of("url", redacted(spec))));
        }
      }
    });
    return result;
  }

  private OkHttpClient client(HttpSpec spec) {
    if (spec.verifyTls()) {
      return spec.followRedirects() ? verifying : verifyingNoRedirects;
    }
    return spec.followRedirects() ? insecure : insecureNoRedirects;
  }

  private static Request request(HttpSpec spec, TimingListener listener) {
    Request.Builder b = new Request.Builder().url(HttpUrl.get(spec.url().toString()))
        .tag(TimingListener.class, listener)
        .header("User-Agent", "obskit-uptime/1");
    spec.headers().forEach(b::header);
    RequestBody body = null;
    if (!spec.method().equals("GET") && !spec.method().equals("HEAD")) {
      body = RequestBody.create(spec.body(), TEXT);
    }
    return b.method(spec.method(), body).build();
  }

  private CheckResult judge(HttpSpec spec, Response response, TimingListener listener,
      Instant startedAt, long start) throws IOException {
    String failure = "";
    if (!spec.acceptsStatus(response.code())) {
      failure = "HTTP " + response.code() + " (expected "
          + (spec.expectedStatusCodes().isEmpty() ? "2xx" : spec.expectedStatusCodes()) + ")";
    } else if (!spec.requiredKeyword().isEmpty() || !spec.absentKeyword().isEmpty()) {
      failure = keywordFailure(spec, response.peekBody(MAX_BODY_BYTES).string());
    }
    Timings timings = timings(listener, start);
    CheckResult r = failure.isEmpty() ? CheckResult.up(startedAt, timings)
        : CheckResult.down(startedAt, timings, failure);
    r = r.withStatusCode(response.code()).withDetails(Map.of("url", redacted(spec),
        "protocol", response.protocol().toString(),
        "finalUrl", safe(response.request().url())));
    Handshake handshake = response.handshake();
    Instant notAfter = handshake == null ? null : leafNotAfter(handshake.peerCertificates());
    if (notAfter != null && r.isUp() && notAfter.isBefore(clock.instant())) {
      // PKIX does not check the validity of a certificate that is itself a trust anchor, and
      // the module's clock may be ahead of the JDK's; judge expiry ourselves.
      r = CheckResult.down(startedAt, timings, "TLS certificate expired at " + notAfter)
          .withStatusCode(response.code()).withDetails(r.details());
    }
    return notAfter == null ? r : r.withCertificateNotAfter(notAfter);
  }

  private static String keywordFailure(HttpSpec spec, String body) {
    if (!spec.requiredKeyword().isEmpty() && !body.contains(spec.requiredKeyword())) {
      return "keyword '" + spec.requiredKeyword() + "' not found in response body";
    }
    if (!spec.absentKeyword().isEmpty() && body.contains(spec.absentKeyword())) {
      return "keyword '" + spec.absentKeyword() + "' found in response body (must be absent)";
    }
    return "";
  }

  /**
   * Returns the leaf's expiry. OkHttp reports the chain cleaned against the trust manager, so
   * with {@code verifyTls = false} (trust-all) the chain may be empty and the expiry unknown;
   * a TLS monitor reads it directly in that case.
   */
  private static Instant leafNotAfter(List<Certificate> chain) {
    if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf) {
      return leaf.getNotAfter().toInstant();
    }
    return null;
  }

  private static Timings timings(TimingListener listener, long start) {
    long end = System.nanoTime();
    Timings t = listener.timings(end);
    return listener.callStartNanos() == 0 ? Timings.total(end - start) : t;
  }

  private static String redacted(HttpSpec spec) {
    HttpUrl url = HttpUrl.parse(spec.url().toString());
    return url == null ? spec.url().getHost() : safe(url);
  }

  /** The URL without user info and query (which may carry tokens). */
  private static String safe(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build()
        .toString();
  }
}
