package dev.obskit.core.http;

import java.util.Objects;

/**
 * One endpoint: a method, a path template and a handler, with its options. Path templates are
 * made of literal segments and {@code {name}} variables, each matching exactly one non-empty path
 * segment (a decoded {@code /} inside a segment stays in the variable); a trailing slash is
 * ignored when matching. Immutable.
 *
 * <pre>{@code
 * Route.post("/api/{project}/envelope/", this::ingest).withMaxBodyBytes(20 << 20)
 * }</pre>
 */
public final class Route {
  /** Default largest request body a route accepts: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

  private final HttpMethod method;
  private final PathTemplate template;
  private final RouteHandler handler;
  private final long maxBodyBytes;

  private Route(HttpMethod method, PathTemplate template, RouteHandler handler, long maxBodyBytes) {
    this.method = Objects.requireNonNull(method, "method");
    this.template = template;
    this.handler = Objects.requireNonNull(handler, "handler");
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Creates a route; throws naming the template if it is malformed. */
  public static Route of(HttpMethod method, String pathTemplate, RouteHandler handler) {
    return new Route(method, PathTemplate.parse(pathTemplate), handler, DEFAULT_MAX_BODY_BYTES);
  }

  /** A GET route (HEAD is answered from it unless a HEAD route exists). */
  public static Route get(String pathTemplate, RouteHandler handler) {
    return of(HttpMethod.GET, pathTemplate, handler);
  }

  /** A POST route. */
  public static Route post(String pathTemplate, RouteHandler handler) {
    return of(HttpMethod.POST, pathTemplate, handler);
  }

  /** Returns a copy that accepts bodies of up to {@code maxBodyBytes} (0 = no body). */
  public Route withMaxBodyBytes(long maxBodyBytes) {
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
    }
    return new Route(method, template, handler, maxBodyBytes);
  }

  /** Returns the method. */
  public HttpMethod method() {
    return method;
  }

  /** Returns the path template as written. */
  public String pathTemplate() {
    return template.toString();
  }

  PathTemplate template() {
    return template;
  }

  /** Returns the handler. */
  public RouteHandler handler() {
    return handler;
  }

  /** Returns the largest request body accepted, in bytes. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
