package dev.obskit.errors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.obskit.errors.ingest.IngestRequest;
import dev.obskit.errors.ingest.IngestResponse;
import dev.obskit.errors.ingest.SentryIngestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A plain JDK HTTP server serving the ingestion handler, as a host would mount it. */
public final class IngestHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  public IngestHttpServer(SentryIngestHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/", exchange -> serve(handler, exchange));
    server.setExecutor(executor);
    server.start();
  }

  private static void serve(SentryIngestHandler handler, HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        if (!h.getValue().isEmpty()) {
          headers.put(h.getKey(), h.getValue().get(0));
        }
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(SentryIngestHandler.MAX_ENVELOPE_BYTES + 1);
      }
      IngestResponse response = handler.handle(new IngestRequest(exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers, body));
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(response.status(), response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String dsn(String key, String project) {
    return "http://" + key + "@127.0.0.1:" + port() + "/" + project;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
