package dev.obskit.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.incidents.IncidentsConfig;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.uptime.UptimeConfig;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.heartbeat.Heartbeat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The read-only JSON API: per-team bearer tokens, one team never reads another's state. */
class JsonApiTest {
  private static final String TOKEN_A = "token-of-team-a-0123456789";
  private static final String TOKEN_B = "token-of-team-b-0123456789";
  private final HttpClient client = HttpClient.newHttpClient();

  private static ObsKit kit(Map<String, String> config) {
    ManualClock clock = ManualClock.startingAt("2026-03-08T00:00:00Z");
    return ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(config))
        .addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder().setDriverEnabled(false)
            .addHeartbeat(Heartbeat.of(MonitorId.of("backup-a"), TeamId.of("team-a"), "Backup A",
                Duration.ofHours(24), Duration.ofHours(1)))
            .addHeartbeat(Heartbeat.of(MonitorId.of("backup-b"), TeamId.of("team-b"), "Backup B",
                Duration.ofHours(24), Duration.ofHours(1))).build()))
        .addModule(ctx -> ErrorsModule.create(ctx, ErrorsConfig.builder().setInstallGlobalTracker(false)
            .addProject(ProjectConfig.builder(ProjectId.of("shop-a"), TeamId.of("team-a")).addPublicKey("ka").build())
            .build()))
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder().setDriverEnabled(false)
            .setLinkSecret("link-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build()))
        .build().start();
  }

  private HttpResponse<String> get(EmbeddedHttpServer s, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void api_teamTokenReadsItsOwnTeamOnly() throws Exception {
    try (ObsKit kit = kit(Map.of("obs.http.api.tokens", "team-a=" + TOKEN_A + ",team-b=" + TOKEN_B))) {
      kit.module(IncidentsModule.class).incidents().open(IncidentDraft.manual(TeamId.of("team-a"),
          "Checkout down", Severity.SEV1, null, null, "host"));
      EmbeddedHttpServer s = kit.serve(0);
      for (String what : new String[] {"incidents", "monitors", "issues", "oncall"}) {
        String path = "/api/v1/teams/team-a/" + what;
        assertThat(get(s, path, null).statusCode()).as(what).isEqualTo(401);
        assertThat(get(s, path, TOKEN_B).statusCode()).as(what).isEqualTo(401);
        assertThat(get(s, path, TOKEN_A + "x").statusCode()).as(what).isEqualTo(401);
        assertThat(get(s, path, TOKEN_A).statusCode()).as(what).isEqualTo(200);
      }
      String incidents = get(s, "/api/v1/teams/team-a/incidents", TOKEN_A).body();
      assertThat(incidents).contains("\"title\":\"Checkout down\"").contains("\"status\":\"TRIGGERED\"")
          .contains("\"type\":\"OPENED\"");
      assertThat(get(s, "/api/v1/teams/team-b/incidents", TOKEN_B).body()).isEqualTo("{\"incidents\":[]}");
      String monitors = get(s, "/api/v1/teams/team-a/monitors", TOKEN_A).body();
      assertThat(monitors).contains("\"id\":\"backup-a\"").contains("\"kind\":\"heartbeat\"")
          .doesNotContain("backup-b");
      assertThat(get(s, "/api/v1/teams/team-a/issues", TOKEN_A).body()).isEqualTo("{\"issues\":[]}");
      assertThat(get(s, "/api/v1/teams/nobody/issues", TOKEN_A).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void api_offUnlessATokenIsConfigured() throws Exception {
    try (ObsKit kit = kit(Map.of())) {
      EmbeddedHttpServer s = kit.serve(0);
      assertThat(get(s, "/api/v1/teams/team-a/incidents", TOKEN_A).statusCode()).isEqualTo(404);
      assertThat(get(s, "/api/v1/teams/team-a/monitors", null).statusCode()).isEqualTo(404);
    }
  }
}
