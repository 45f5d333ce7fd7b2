package dev.obskit.billing.cost.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A local HTTP server standing in for a paid provider: records each request, answers by script. */
final class FakeServer implements AutoCloseable {
  record Request(String method, String pathAndQuery, String authorization, String idempotencyKey,
      String contentType, String body) {}

  record Answer(int status, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  FakeServer(Function<Request, Answer> script) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> handle(exchange, script));
    server.start();
  }

  private void handle(HttpExchange exchange, Function<Request, Answer> script) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request = new Request(exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
            : "?" + exchange.getRequestURI().getRawQuery()),
        exchange.getRequestHeaders().getFirst("Authorization"),
        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
        exchange.getRequestHeaders().getFirst("Content-Type"), body);
    requests.add(request);
    Answer answer = script.apply(request);
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The client the tests use: short timeout, three attempts, no real sleeping. */
  static ProviderHttp http() {
    return new ProviderHttp(Duration.ofSeconds(5), 3, Duration.ofSeconds(1), d -> { });
  }

  static Answer ok(String json) {
    return new Answer(200, json);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
