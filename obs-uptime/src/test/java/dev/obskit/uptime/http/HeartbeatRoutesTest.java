package dev.obskit.uptime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.UptimeConfig;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.heartbeat.Heartbeat;
import dev.obskit.uptime.heartbeat.HeartbeatStatus;
import dev.obskit.uptime.state.MonitorState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeat pings through the embedded server, as a cron job's curl sends them. */
class HeartbeatRoutesTest {
  private static final MonitorId JOB = MonitorId.of("nightly-backup-7f3a");
  private final ManualClock clock = ManualClock.startingAt("2026-03-08T00:00:00Z");
  private final HttpClient client = HttpClient.newHttpClient();
  private ObsKit kit;
  private EmbeddedHttpServer server;

  @BeforeEach
  void setUp() {
    kit = ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder()
            .setDriverEnabled(false).setJitter(false)
            .addHeartbeat(Heartbeat.of(JOB, TeamId.of("t"), "Nightly backup", Duration.ofHours(24),
                Duration.ofHours(1)))
            .build()))
        .build().start();
    server = kit.serve(0);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HeartbeatStatus status() {
    return kit.module(UptimeModule.class).heartbeats().status(JOB).orElseThrow();
  }

  @Test
  void ping_getPostAndHead_recordSuccess() throws Exception {
    assertThat(send("GET", "/heartbeats/" + JOB.value(), null).body()).isEqualTo("OK\n");
    assertThat(status().state()).isEqualTo(MonitorState.UP);
    assertThat(status().lastPingAt()).contains(clock.instant());
    clock.advance(Duration.ofMinutes(1));
    assertThat(send("HEAD", "/heartbeats/" + JOB.value(), null).statusCode()).isEqualTo(200);
    assertThat(status().lastPingAt()).contains(clock.instant());
    clock.advance(Duration.ofMinutes(1));
    assertThat(send("POST", "/heartbeats/" + JOB.value() + "/0", "all good").statusCode()).isEqualTo(200);
    assertThat(status().lastPingAt()).contains(clock.instant());
  }

  @Test
  void fail_withBody_keepsItAsTheFailureMessage() throws Exception {
    assertThat(send("POST", "/heartbeats/" + JOB.value() + "/fail", "disk full on /backup\n")
        .statusCode()).isEqualTo(200);
    assertThat(status().state()).isEqualTo(MonitorState.DOWN);
    assertThat(status().lastFailure()).isEqualTo("disk full on /backup");
  }

  @Test
  void exitCode_nonZero_isAFailureWithThatCode() throws Exception {
    assertThat(send("POST", "/heartbeats/" + JOB.value() + "/3", null).statusCode()).isEqualTo(200);
    assertThat(status().state()).isEqualTo(MonitorState.DOWN);
    assertThat(status().lastExitCode()).contains(3);
  }

  @Test
  void hostileInput_isRefusedWithoutRecording() throws Exception {
    assertThat(send("GET", "/heartbeats/unknown-token", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/heartbeats/" + JOB.value() + "/256", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/heartbeats/" + JOB.value() + "/-1", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/heartbeats/" + JOB.value() + "/%2e%2e", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/heartbeats/%2e%2e/fail", null).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/heartbeats/" + JOB.value() + "/fail", "x".repeat(20_000)).statusCode())
        .isEqualTo(413);
    assertThat(status().state()).isNotEqualTo(MonitorState.DOWN);
    assertThat(send("DELETE", "/heartbeats/" + JOB.value(), null).statusCode()).isEqualTo(405);
  }

  @Test
  void groupSwitchedOff_isNotServed() throws Exception {
    try (ObsKit off = ObsKit.builder().setClock(clock)
        .setConfig(ConfigProperties.of(Map.of("obs.http.heartbeats.enabled", "false")))
        .addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder().setDriverEnabled(false)
            .addHeartbeat(Heartbeat.of(JOB, TeamId.of("t"), "b", Duration.ofHours(24), Duration.ofHours(1)))
            .build()))
        .build().start()) {
      EmbeddedHttpServer s = off.serve(0);
      assertThat(client.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/heartbeats/" + JOB.value()))
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }
  }
}
