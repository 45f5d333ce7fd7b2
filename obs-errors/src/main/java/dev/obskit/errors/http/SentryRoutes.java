package dev.obskit.errors.http;

import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.errors.ingest.IngestRequest;
import dev.obskit.errors.ingest.IngestResponse;
import dev.obskit.errors.ingest.SentryIngestHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Sentry ingestion routes, group {@code errors}: {@code POST /api/{project}/envelope/} and
 * {@code POST /api/{project}/store/} served by the module's {@link SentryIngestHandler} (auth by
 * {@code X-Sentry-Auth}, {@code Authorization: Sentry} or {@code ?sentry_key=}; gzip/deflate;
 * quota answers 429 with {@code Retry-After} and {@code X-Sentry-Rate-Limits}), so an unchanged
 * Sentry SDK can use a DSN {@code http://<key>@<host>:<port>[<base>]/<project>}. Browser SDKs get
 * CORS answers (preflight and actual) for the origins in {@code obs.errors.cors.allowed-origins}
 * ({@code *} for any); any other origin gets no CORS headers and its preflight 403.
 * Stateless apart from the handler; thread-safe.
 */
public final class SentryRoutes {
  /** Largest compressed body accepted: the handler's decompressed envelope limit. */
  public static final long MAX_BODY_BYTES = SentryIngestHandler.MAX_ENVELOPE_BYTES;
  private static final String ALLOW_HEADERS =
      "content-type, content-encoding, x-sentry-auth, authorization, sentry-trace, baggage";

  private final SentryIngestHandler handler;
  private final Set<String> allowedOrigins;

  private SentryRoutes(SentryIngestHandler handler, List<String> allowedOrigins) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /** Returns the {@code errors} route group over {@code handler}, CORS origins from {@code config}. */
  public static RouteGroup group(SentryIngestHandler handler, ConfigProperties config) {
    return group(handler, config.getList("obs.errors.cors.allowed-origins"));
  }

  /** Returns the {@code errors} route group over {@code handler} allowing {@code origins}. */
  public static RouteGroup group(SentryIngestHandler handler, List<String> origins) {
    SentryRoutes r = new SentryRoutes(handler, origins);
    return RouteGroup.of("errors",
        Route.post("/api/{project}/envelope/", r::ingest).withMaxBodyBytes(MAX_BODY_BYTES),
        Route.post("/api/{project}/store/", r::ingest).withMaxBodyBytes(MAX_BODY_BYTES),
        Route.of(dev.obskit.core.http.HttpMethod.OPTIONS, "/api/{project}/envelope/", r::preflight),
        Route.of(dev.obskit.core.http.HttpMethod.OPTIONS, "/api/{project}/store/", r::preflight));
  }

  private HttpResponse ingest(HttpRequest request) throws java.io.IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : new String[] {"x-sentry-auth", "authorization", "content-encoding", "content-type"}) {
      request.header(name).ifPresent(v -> headers.put(name, v));
    }
    IngestResponse r = handler.handle(new IngestRequest("POST", request.path(),
        rawQuery(request.queryParameters()), headers, request.bodyBytes()));
    HttpResponse.Builder b = HttpResponse.builder().status(r.status())
        .body("application/json", r.body());
    r.headers().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("content-type")) {
        b.setHeader(k, v);
      }
    });
    allowedOrigin(request).ifPresent(o -> b.setHeader("Access-Control-Allow-Origin", o)
        .setHeader("Access-Control-Expose-Headers", "x-sentry-rate-limits, retry-after")
        .setHeader("Vary", "Origin"));
    return b.build();
  }

  private HttpResponse preflight(HttpRequest request) {
    return allowedOrigin(request).map(o -> HttpResponse.builder().status(200)
            .setHeader("Access-Control-Allow-Origin", o)
            .setHeader("Access-Control-Allow-Methods", "POST, OPTIONS")
            .setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
            .setHeader("Access-Control-Max-Age", "86400")
            .setHeader("Vary", "Origin").build())
        .orElseGet(() -> HttpResponse.json(403, "{\"detail\":\"origin not allowed\"}"));
  }

  private java.util.Optional<String> allowedOrigin(HttpRequest request) {
    return request.header("Origin").filter(o -> allowedOrigins.contains("*") || allowedOrigins.contains(o))
        .map(o -> allowedOrigins.contains("*") && !allowedOrigins.contains(o) ? "*" : o);
  }

  private static String rawQuery(Map<String, List<String>> params) {
    StringBuilder b = new StringBuilder();
    params.forEach((k, values) -> values.forEach(v -> {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }));
    return b.toString();
  }
}
