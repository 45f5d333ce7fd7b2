package dev.obskit.http.servlet;

import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.IncomingRequest;
import dev.obskit.core.http.Router;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an ObsKit {@link Router} (usually {@code kit.router()}) from a Jakarta Servlet container,
 * with the same routing, limits and answers as the embedded server. Map it to a path pattern such
 * as {@code /obskit/*}; the routes see the path after the mapping. Links use {@code publicUrl}
 * when given (recommended: the Host header is the client's to choose), else the request's scheme,
 * host and mapping. Event streams hold the container thread while open (bounded by the router's
 * event-stream limit). Thread-safe; never lets an exception reach the container.
 */
public final class ObsKitServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(ObsKitServlet.class);

  private final transient Supplier<Router> router;
  private final URI publicUrl;

  /** Serves {@code router}; links are built from each request's own URL. */
  public ObsKitServlet(Router router) {
    this(() -> router, null);
  }

  /**
   * Serves the router {@code router} returns (asked per request, so it may be created after the
   * servlet), with links under {@code publicUrl} (the absolute URL of the mapping) unless null.
   */
  public ObsKitServlet(Supplier<Router> router, URI publicUrl) {
    this.router = Objects.requireNonNull(router, "router");
    this.publicUrl = publicUrl;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) {
    try {
      Router r = router.get();
      HttpResponse response = r.dispatch(new ServletRequest(req, baseUrl(req)));
      send(r, req, resp, response);
    } catch (IOException | UncheckedIOException e) {
      log.debug("HTTP client went away: {}", e.toString());
    } catch (RuntimeException | LinkageError e) {
      log.warn("ObsKit servlet adapter failed: {}", e.toString());
      if (!resp.isCommitted()) {
        resp.setStatus(500);
      }
    }
  }

  private static void send(Router r, HttpServletRequest req, HttpServletResponse resp,
      HttpResponse response) throws IOException {
    resp.setStatus(response.status());
    response.headers().forEach((k, values) -> values.forEach(v -> resp.addHeader(k, v)));
    boolean head = "HEAD".equals(req.getMethod());
    int status = response.status();
    if (head || status == 204 || status == 304 || response.contentLength().orElse(-1) == 0) {
      resp.setContentLengthLong(0);
      return;
    }
    response.contentLength().ifPresent(resp::setContentLengthLong);
    OutputStream out = resp.getOutputStream();
    r.writeBody(response, out);
    out.flush();
  }

  private URI baseUrl(HttpServletRequest req) {
    if (publicUrl != null) {
      String s = publicUrl.toString();
      return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
    String host = req.getServerName();
    host = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create(req.getScheme() + "://" + host + ":" + req.getServerPort()
        + req.getContextPath() + req.getServletPath());
  }

  /** The path after context and servlet mapping, still encoded. */
  static String relativeRawPath(HttpServletRequest req) {
    String uri = req.getRequestURI();
    String prefix = req.getContextPath() + req.getServletPath();
    String rest = uri.startsWith(prefix) ? uri.substring(prefix.length()) : uri;
    return rest.isEmpty() ? "/" : rest;
  }

  /** Adapts a servlet request to the router. */
  private static final class ServletRequest implements IncomingRequest {
    private final HttpServletRequest req;
    private final URI baseUrl;

    ServletRequest(HttpServletRequest req, URI baseUrl) {
      this.req = req;
      this.baseUrl = baseUrl;
    }

    @Override
    public String method() {
      return req.getMethod();
    }

    @Override
    public String rawPath() {
      return relativeRawPath(req);
    }

    @Override
    public String rawQuery() {
      return req.getQueryString();
    }

    @Override
    public List<String> headerValues(String name) {
      var values = req.getHeaders(name);
      return values == null ? List.of() : Collections.list(values);
    }

    @Override
    public InputStream body() {
      try {
        return req.getInputStream();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public InetAddress peerAddress() {
      try {
        // getRemoteAddr is an IP literal: no name lookup happens.
        return InetAddress.getByName(req.getRemoteAddr());
      } catch (UnknownHostException e) {
        return InetAddress.getLoopbackAddress();
      }
    }

    @Override
    public URI baseUrl() {
      return baseUrl;
    }
  }
}
