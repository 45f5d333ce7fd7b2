package dev.obskit.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Router} on the JDK's built-in HTTP server ({@code com.sun.net.httpserver}), for
 * hosts without a servlet container and for the demo. Binds {@code 127.0.0.1} unless told
 * otherwise; every thread it starts is a daemon, so it never keeps the JVM alive; requests run on
 * a bounded pool with a bounded queue (connections beyond it are closed, the server stays up); a
 * client must send its whole request within the request timeout (slow headers or bodies are cut
 * off); headers beyond the size limit are refused before the body is read. Thread-safe;
 * {@link #close} is idempotent and bounded.
 */
public final class EmbeddedHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedHttpServer.class);
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final Router router;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final String basePath;
  private final URI baseUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedHttpServer(Router router, HttpServer server, ThreadPoolExecutor executor,
      HttpServerConfig config) {
    this.router = router;
    this.server = server;
    this.executor = executor;
    this.basePath = config.basePath();
    InetSocketAddress bound = server.getAddress();
    this.baseUrl = config.publicUrl() != null ? config.publicUrl()
        : URI.create("http://" + hostForUrl(bound.getAddress()) + ":" + bound.getPort() + basePath);
  }

  /**
   * Binds and starts a server for {@code router}; throws {@link UncheckedIOException} naming the
   * address when it cannot bind.
   */
  public static EmbeddedHttpServer start(Router router, HttpServerConfig config) {
    applyJdkLimits(config);
    int id = SERVERS.incrementAndGet();
    AtomicInteger threadNo = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(config.threads(), config.threads(),
        30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.queue()), r -> {
          Thread t = new Thread(r, "obskit-http-" + id + "-" + threadNo.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    try {
      HttpServer server = HttpServer.create(address, 128);
      server.setExecutor(executor);
      EmbeddedHttpServer s = new EmbeddedHttpServer(router, server, executor, config);
      server.createContext(config.basePath().isEmpty() ? "/" : config.basePath(), s::handle);
      startAsDaemon(server);
      log.info("ObsKit HTTP server listening on {}", s.baseUrl);
      return s;
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot bind ObsKit HTTP server to " + address, e);
    }
  }

  /** Sets the JDK server's JVM-wide limits, unless the host set them, before its first use. */
  private static void applyJdkLimits(HttpServerConfig config) {
    setIfAbsent("sun.net.httpserver.maxReqTime",
        Long.toString(Math.max(1, config.requestTimeout().toSeconds())));
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", Integer.toString(config.maxHeaderBytes()));
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
    setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(config.maxConnections()));
  }

  private static void setIfAbsent(String key, String value) {
    try {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    } catch (SecurityException e) {
      log.debug("cannot set {}", key);
    }
  }

  /** The JDK's dispatcher thread inherits daemon status from the thread that starts the server. */
  private static void startAsDaemon(HttpServer server) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread starter = new Thread(() -> {
      try {
        server.start();
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "obskit-http-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static String hostForUrl(InetAddress a) {
    if (a.isAnyLocalAddress()) {
      return "127.0.0.1";
    }
    String h = a.getHostAddress();
    return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
  }

  /** Returns the bound address (with the actual port when 0 was asked). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Returns the absolute URL of the mount base, without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  private void handle(HttpExchange exchange) {
    try {
      String raw = exchange.getRequestURI().getRawPath();
      String relative = raw == null ? "" : raw.substring(Math.min(basePath.length(), raw.length()));
      HttpResponse response = relative.isEmpty() || relative.startsWith("/")
          ? router.dispatch(new ExchangeRequest(exchange, relative.isEmpty() ? "/" : relative))
          : Router.error(404, "not found").withHeader("X-Content-Type-Options", "nosniff");
      send(exchange, response);
    } catch (IOException e) {
      log.debug("HTTP client went away: {}", e.toString());
    } catch (RuntimeException | Error e) {
      log.warn("ObsKit HTTP adapter failed: {}", e.toString());
    } finally {
      exchange.close();
    }
  }

  private void send(HttpExchange exchange, HttpResponse response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, List.copyOf(v)));
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    int status = response.status();
    long length = response.contentLength().orElse(0);
    boolean noBody = head || status == 204 || status == 304 || response.contentLength().orElse(-1) == 0;
    exchange.sendResponseHeaders(status, noBody ? -1 : length);
    if (!noBody) {
      OutputStream out = exchange.getResponseBody();
      router.writeBody(response, out);
      out.close();
    }
  }

  /** Stops accepting, ends open requests and stops the threads; bounded, idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.stop(0);
    } catch (RuntimeException e) {
      log.debug("stopping the JDK HTTP server failed: {}", e.toString());
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "EmbeddedHttpServer{" + baseUrl + "}";
  }

  /** Adapts an {@link HttpExchange} to the router. */
  private final class ExchangeRequest implements IncomingRequest {
    private final HttpExchange exchange;
    private final String rawPath;

    ExchangeRequest(HttpExchange exchange, String rawPath) {
      this.exchange = exchange;
      this.rawPath = rawPath;
    }

    @Override
    public String method() {
      return exchange.getRequestMethod();
    }

    @Override
    public String rawPath() {
      return rawPath;
    }

    @Override
    public String rawQuery() {
      return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public List<String> headerValues(String name) {
      List<String> v = exchange.getRequestHeaders().get(name);
      return v == null ? List.of() : v;
    }

    @Override
    public InputStream body() {
      return exchange.getRequestBody();
    }

    @Override
    public InetAddress peerAddress() {
      return exchange.getRemoteAddress().getAddress();
    }

    @Override
    public URI baseUrl() {
      return baseUrl;
    }
  }
}
