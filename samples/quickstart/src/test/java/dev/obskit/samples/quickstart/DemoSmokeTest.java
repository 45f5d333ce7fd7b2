package dev.obskit.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
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
    try {
      QuickstartDemo.run(new String[] {dir.toString(), QuickstartDemo.EXIT_FLAG}, out,
          (service, o) -> answered.putAll(service.checkAll()));
    } finally {
      System.clearProperty("obs.demo.port");
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(answered).hasSize(6);
    answered.forEach((url, status) -> {
      assertThat(printed).contains(url.toString().replace("/usage", "/incidents"));
      assertThat(status).as(url.toString()).isEqualTo(200);
    });
    assertThat(printed).containsPattern("Sentry DSN: http://demo-public-key@127\\.0\\.0\\.1:\\d+/obskit/shop")
        .contains("sent 1 error through that DSN; events received: 1")
        .contains("Shutdown: clean");
  }
}
