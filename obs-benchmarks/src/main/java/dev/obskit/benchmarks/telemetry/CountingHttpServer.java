package dev.obskit.benchmarks.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * A local ingestion endpoint for the log-shipping benchmark: accepts every POST with 2xx and counts
 * the events in each body by a marker that occurs once per event ({@code "dt":} in Better Stack
 * arrays, {@code ["} per Loki value), so "delivered" comes from what arrived, not from the client.
 */
final class CountingHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "bench-http-endpoint");
    t.setDaemon(true);
    return t;
  });
  private final byte[] marker;
  private final int status;
  private final LongAdder events = new LongAdder();
  private final LongAdder requests = new LongAdder();

  CountingHttpServer(String marker, int status) throws IOException {
    this.marker = marker.getBytes(StandardCharsets.UTF_8);
    this.status = status;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = gz.readAllBytes();
        }
      }
      events.add(count(body));
      requests.increment();
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private long count(byte[] body) {
    long n = 0;
    outer:
    for (int i = 0; i + marker.length <= body.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (body[i + j] != marker[j]) {
          continue outer;
        }
      }
      n++;
    }
    return n;
  }

  long events() {
    return events.sum();
  }

  long requests() {
    return requests.sum();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
