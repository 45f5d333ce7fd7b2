package dev.obskit.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.http.Router;
import dev.obskit.telemetry.BufferType;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryConfig;
import dev.obskit.telemetry.TelemetryEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live tail over a real socket: token required, filters applied, shipped JSON streamed. */
class TailRoutesTest {
  private static final String TOKEN = "tail-token-0123456789";
  @TempDir Path dir;
  private Telemetry telemetry;
  private EmbeddedHttpServer server;

  private void start(Map<String, String> config) {
    telemetry = Telemetry.start(TelemetryConfig.builder().setDirectory(dir).setBufferType(BufferType.MEMORY).build());
    Router router = Router.builder().add(TailRoutes.group(telemetry.tail(), ConfigProperties.of(config))).build();
    server = EmbeddedHttpServer.start(router, HttpServerConfig.builder().build());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (telemetry != null) {
      telemetry.close(Duration.ofSeconds(2));
    }
  }

  private Socket request(String target) throws Exception {
    Socket s = new Socket("127.0.0.1", server.address().getPort());
    s.setSoTimeout(10_000);
    s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  private static String status(Socket s) throws Exception {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
  }

  @Test
  void tail_withoutOrWithWrongToken_isRefused_andOffWhenUnconfigured() throws Exception {
    start(Map.of("obs.http.tail.token", TOKEN));
    try (Socket s = request("/tail")) {
      assertThat(status(s)).isEqualTo("HTTP/1.1 401 Unauthorized");
    }
    try (Socket s = request("/tail?token=wrong")) {
      assertThat(status(s)).isEqualTo("HTTP/1.1 401 Unauthorized");
    }
    try (Socket s = request("/tail?token=" + TOKEN + "&level=LOUD")) {
      assertThat(status(s)).isEqualTo("HTTP/1.1 400 Bad Request");
    }
    stop();
    start(Map.of());
    try (Socket s = request("/tail?token=" + TOKEN)) {
      assertThat(status(s)).isEqualTo("HTTP/1.1 404 Not Found");
    }
  }

  @Test
  void tail_streamsMatchingShippedLinesAsEvents() throws Exception {
    start(Map.of("obs.http.tail.token", TOKEN));
    try (Socket s = request("/tail?token=" + TOKEN + "&level=WARN&logger=app.orders")) {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
      List<String> lines = new ArrayList<>();
      for (String l = in.readLine(); l != null && !l.contains(": connected"); l = in.readLine()) {
        lines.add(l);
      }
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> telemetry.tail().subscriberCount() == 1);
      long t0 = 1_700_000_000_000_000_000L;
      telemetry.emit(TelemetryEvent.of(t0, Severity.INFO, "app.orders.Api", "too quiet"));
      telemetry.emit(TelemetryEvent.of(t0, Severity.ERROR, "app.billing", "other logger"));
      telemetry.emit(TelemetryEvent.of(t0, Severity.ERROR, "app.orders.Api", "order 7 failed"));
      List<String> events = new ArrayList<>();
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        events.add(l);
        if (l.contains("order 7 failed")) {
          break;
        }
      }
      assertThat(String.join("\n", events)).contains("event: log\ndata: {\"kind\":\"log\"")
          .doesNotContain("too quiet").doesNotContain("other logger");
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> {
          telemetry.emit(TelemetryEvent.of(1L, Severity.ERROR, "app.orders.Api", "after close"));
          return telemetry.tail().subscriberCount() == 0;
        });
  }
}
