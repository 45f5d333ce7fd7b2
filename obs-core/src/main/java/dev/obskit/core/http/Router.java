package dev.obskit.core.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches requests to routes and runs them, the same way for every adapter: 400 for a malformed
 * or traversing path ({@code .}/{@code ..} segments, control characters), 404 when no template
 * matches, 405 with {@code Allow} when the method does not, HEAD answered from GET without a
 * body, OPTIONS answered with {@code Allow} unless a route handles it, 413 when the declared or
 * read body exceeds the route's limit, and 500 without any internal detail when a handler throws.
 * Every response carries {@code X-Content-Type-Options: nosniff}.
 *
 * <p>Adapters call {@link #dispatch} and then {@link #writeBody}. Thread-safe; {@link #dispatch}
 * never throws. {@link #close} ends the open event streams.
 */
public final class Router implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Router.class);
  /** Default number of server-sent-events clients served at once. */
  public static final int DEFAULT_MAX_EVENT_STREAMS = 32;

  private final List<Route> routes;
  private final TrustedProxies proxies;
  private final int maxEventStreams;
  private final long keepAliveMillis;
  private final Set<BoundedEventSink> streams = ConcurrentHashMap.newKeySet();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean closed;

  private Router(Builder b) {
    List<Route> all = new ArrayList<>();
    for (RouteGroup g : b.groups) {
      if (b.enabled.test(g.name())) {
        all.addAll(g.routes());
      }
    }
    checkConflicts(all);
    all.sort((x, y) -> x.template().compareTo(y.template()));
    this.routes = List.copyOf(all);
    this.proxies = b.proxies;
    this.maxEventStreams = b.maxEventStreams;
    this.keepAliveMillis = b.keepAlive.toMillis();
  }

  private static void checkConflicts(List<Route> all) {
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        Route a = all.get(i);
        Route b = all.get(j);
        if (a.method() == b.method() && a.template().sameShape(b.template())) {
          throw new IllegalStateException("routes conflict: " + a + " and " + b);
        }
      }
    }
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the enabled routes, most specific first. */
  public List<Route> routes() {
    return routes;
  }

  /** Answers {@code in}; never throws, never returns null. */
  public HttpResponse dispatch(IncomingRequest in) {
    try {
      return secure(route(in));
    } catch (HttpStatusException e) {
      return secure(error(e.status(), e.getMessage()));
    } catch (RuntimeException e) {
      logFailure("routing", e);
      return secure(error(500, "internal error"));
    }
  }

  private HttpResponse route(IncomingRequest in) {
    HttpMethod method = HttpMethod.parse(in.method()).orElse(null);
    if (method == null) {
      return error(501, "method not implemented");
    }
    List<String> segments = decodeSegments(in.rawPath());
    EnumSet<HttpMethod> allowed = EnumSet.noneOf(HttpMethod.class);
    Route chosen = null;
    Map<String, String> vars = null;
    for (Route r : routes) {
      Map<String, String> m = r.template().match(segments);
      if (m == null) {
        continue;
      }
      allowed.add(r.method());
      if (r.method() == method && chosen == null) {
        chosen = r;
        vars = m;
      }
    }
    if (allowed.isEmpty()) {
      return error(404, "not found");
    }
    if (allowed.contains(HttpMethod.GET)) {
      allowed.add(HttpMethod.HEAD);
    }
    allowed.add(HttpMethod.OPTIONS);
    if (chosen == null && method == HttpMethod.HEAD) {
      return withoutBody(route(new GetForHead(in)));
    }
    if (chosen == null && method == HttpMethod.OPTIONS) {
      return HttpResponse.builder().status(204).header("Allow", allow(allowed)).build();
    }
    if (chosen == null) {
      return HttpResponse.builder().status(405).body("application/json",
          HttpText.errorJson("method not allowed").getBytes(StandardCharsets.UTF_8))
          .header("Allow", allow(allowed)).build();
    }
    HttpResponse response = run(chosen, in, method, segments, vars);
    return method == HttpMethod.HEAD ? withoutBody(response) : response;
  }

  private HttpResponse run(Route route, IncomingRequest in, HttpMethod method,
      List<String> segments, Map<String, String> vars) {
    long declared = declaredLength(in);
    if (declared > route.maxBodyBytes()) {
      return error(413, "request body too large");
    }
    InetAddress client = proxies.clientAddress(in.peerAddress(), in.headerValues("X-Forwarded-For"));
    HttpRequest request = new DefaultHttpRequest(in, method, "/" + String.join("/", segments),
        vars, client, route.maxBodyBytes());
    HttpResponse response;
    try {
      response = Objects.requireNonNull(route.handler().handle(request), "handler returned null");
    } catch (PayloadTooLargeException e) {
      return error(413, "request body too large");
    } catch (HttpStatusException e) {
      return error(e.status(), e.getMessage());
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      logFailure(route.toString(), e);
      return error(500, "internal error");
    }
    if (response.isEventStream() && (closed || streams.size() >= maxEventStreams)) {
      return error(503, "too many event streams");
    }
    return response;
  }

  private static long declaredLength(IncomingRequest in) {
    List<String> values = in.headerValues("Content-Length");
    if (values.isEmpty()) {
      return -1;
    }
    try {
      long n = Long.parseLong(values.get(0).trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new HttpStatusException(400, "malformed Content-Length");
    }
  }

  /** Decodes each path segment separately; refuses traversal and control characters. */
  static List<String> decodeSegments(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw new HttpStatusException(400, "malformed path");
    }
    List<String> segments = PathTemplate.segments(rawPath);
    List<String> out = new ArrayList<>(segments.size());
    for (String raw : segments) {
      String s;
      try {
        s = raw.indexOf('%') < 0 ? raw : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new HttpStatusException(400, "malformed path");
      }
      if (s.equals(".") || s.equals("..") || hasControl(s)) {
        throw new HttpStatusException(400, "malformed path");
      }
      out.add(s);
    }
    return out;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return true;
      }
    }
    return false;
  }

  private static String allow(Set<HttpMethod> methods) {
    StringJoiner j = new StringJoiner(", ");
    methods.forEach(m -> j.add(m.name()));
    return j.toString();
  }

  private static HttpResponse withoutBody(HttpResponse r) {
    if (r.contentLength().orElse(-1) == 0) {
      return r;
    }
    HttpResponse.Builder b = r.toBuilder();
    String type = r.header("Content-Type").orElse(null);
    if (type != null) {
      b.body(type, new byte[0]);
    }
    return b.build();
  }

  static HttpResponse error(int status, String message) {
    return HttpResponse.json(status, HttpText.errorJson(message));
  }

  private static HttpResponse secure(HttpResponse r) {
    return r.header("X-Content-Type-Options").isPresent() ? r
        : r.withHeader("X-Content-Type-Options", "nosniff");
  }

  private void logFailure(String where, Throwable e) {
    long n = failures.incrementAndGet();
    if (Long.bitCount(n) == 1) {
      // The route template, never the path: paths carry tokens.
      log.warn("HTTP route {} failed ({} failures so far): {}", where, n, e.toString(), e);
    }
  }

  /**
   * Writes {@code response}'s body to {@code out} (the adapter has sent status and headers).
   * Event streams block here until the client goes, the source ends, the client is dropped for
   * being slow, or {@link #close} is called. Never throws for a client that went away.
   */
  public void writeBody(HttpResponse response, OutputStream out) throws IOException {
    switch (response.kind()) {
      case BYTES -> out.write(response.bodyBytes());
      case STREAM -> response.writer().writeTo(out);
      case EVENTS -> pumpEvents(response, out);
      default -> throw new IllegalStateException(response.kind().name());
    }
  }

  private void pumpEvents(HttpResponse response, OutputStream out) {
    BoundedEventSink sink = new BoundedEventSink(response.eventBuffer());
    streams.add(sink);
    AutoCloseable subscription = null;
    try {
      if (closed || streams.size() > maxEventStreams) {
        return;
      }
      subscription = response.events().open(sink);
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      pump(sink, out);
    } catch (IOException e) {
      log.debug("event stream client went away");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      logFailure("event stream", e);
    } finally {
      sink.close();
      streams.remove(sink);
      closeQuietly(subscription);
    }
  }

  private void pump(BoundedEventSink sink, OutputStream out) throws IOException, InterruptedException {
    while (true) {
      String frame = sink.poll(keepAliveMillis);
      if (sink.dropped()) {
        return;
      }
      if (frame == null) {
        frame = ": keep-alive\n\n";
      } else if (frame.isEmpty()) {
        return;
      }
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      for (String more = sink.pollNow(); more != null && !more.isEmpty(); more = sink.pollNow()) {
        out.write(more.getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
    }
  }

  private void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      logFailure("event stream close", e);
    }
  }

  /** Returns the number of event streams open now. */
  public int openEventStreams() {
    return streams.size();
  }

  /** Ends every open event stream and refuses new ones. Idempotent. */
  @Override
  public void close() {
    closed = true;
    streams.forEach(BoundedEventSink::close);
  }

  /** A HEAD request seen as the GET it mirrors. */
  private record GetForHead(IncomingRequest in) implements IncomingRequest {
    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String rawPath() {
      return in.rawPath();
    }

    @Override
    public String rawQuery() {
      return in.rawQuery();
    }

    @Override
    public List<String> headerValues(String name) {
      return in.headerValues(name);
    }

    @Override
    public java.io.InputStream body() {
      return in.body();
    }

    @Override
    public InetAddress peerAddress() {
      return in.peerAddress();
    }

    @Override
    public java.net.URI baseUrl() {
      return in.baseUrl();
    }
  }

  /** Builds a {@link Router}. Not thread-safe. */
  public static final class Builder {
    private final List<RouteGroup> groups = new ArrayList<>();
    private TrustedProxies proxies = TrustedProxies.none();
    private Predicate<String> enabled = name -> true;
    private int maxEventStreams = DEFAULT_MAX_EVENT_STREAMS;
    private Duration keepAlive = Duration.ofSeconds(15);

    private Builder() {}

    /** Adds a group of routes. */
    public Builder add(RouteGroup group) {
      groups.add(Objects.requireNonNull(group, "group"));
      return this;
    }

    /** Adds groups of routes. */
    public Builder addAll(List<RouteGroup> all) {
      all.forEach(this::add);
      return this;
    }

    /** Serves only the groups whose name passes {@code enabled}; default all. */
    public Builder enabledGroups(Predicate<String> enabled) {
      this.enabled = Objects.requireNonNull(enabled, "enabled");
      return this;
    }

    /** Sets whose {@code X-Forwarded-For} is believed; default nobody's. */
    public Builder trustedProxies(TrustedProxies proxies) {
      this.proxies = Objects.requireNonNull(proxies, "proxies");
      return this;
    }

    /** Sets how many event-stream clients are served at once; default 32. */
    public Builder maxEventStreams(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxEventStreams must be >= 0, got " + max);
      }
      this.maxEventStreams = max;
      return this;
    }

    /** Sets how often an idle event stream sends a comment to detect a gone client; default 15 s. */
    public Builder eventKeepAlive(Duration keepAlive) {
      this.keepAlive = dev.obskit.core.config.Checks.positive("eventKeepAlive", keepAlive);
      return this;
    }

    /** Returns the router; throws naming two routes that match the same requests. */
    public Router build() {
      return new Router(this);
    }
  }
}
