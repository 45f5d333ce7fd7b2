package dev.obskit.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's exit-after-scenario mode: every URL it prints answers while it serves. */
class DemoSmokeTest {
  @TempDir
  Path dir;

  @Test
  void demo_printsUrlsThatAnswer_andSentrySdkReachesItsDsn() throws Exception {
    System.setProperty("obs.demo.port", "0");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
    Map<URI, Integer> answered = new LinkedHashMap<>();
    HttpClient client = HttpClient.newHttpClient();
    try {
      QuickstartDemo.run(new String[] {dir.toString(), QuickstartDemo.EXIT_FLAG}, out, (service, o) -> {
        for (URI url : service.urls().values()) {
          try {
            answered.put(url, client.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
          } catch (Exception e) {
            answered.put(url, -1);
          }
        }
      });
    } finally {
      System.clearProperty("obs.demo.port");
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(answered).hasSize(3);
    answered.forEach((url, status) -> {
      assertThat(printed).contains(url.toString());
      assertThat(status).as(url.toString()).isEqualTo(200);
    });
    assertThat(printed).containsPattern("Sentry DSN: http://demo-public-key@127\\.0\\.0\\.1:\\d+/obskit/shop")
        .contains("sent 1 error through that DSN; events received: 1")
        .contains("Shutdown: clean");
  }
}
