package dev.obskit.incidents.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.IncidentsModule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The module serves the Slack routes when {@code obs.incidents.slack.*} is configured. */
class ChatRoutesModuleTest {
  private static final String SECRET = "module-slack-signing-secret-0001";
  private final ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");

  private ObsKit kit(Map<String, String> config) {
    return ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(config))
        .addModule(IncidentsModule::create).build();
  }

  @Test
  void configuredSlack_slashCommandOverTheKitsServer_opensAnIncident() throws Exception {
    try (ObsKit kit = kit(Map.of("obs.incidents.slack.signing-secret", SECRET,
        "obs.incidents.slack.team", "sre", "obs.incidents.driver.enabled", "false")).start();
        EmbeddedHttpServer server = kit.serve(HttpServerConfig.builder().port(0).build())) {
      byte[] body = ("command=%2Fobskit&user_id=U7&text=" + URLEncoder.encode("incident disk full",
          StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      String ts = Long.toString(clock.instant().getEpochSecond());
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
      String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
      Request request = new Request.Builder().url(server.baseUrl() + "/slack/commands")
          .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature)
          .post(RequestBody.create(body, MediaType.get("application/x-www-form-urlencoded"))).build();
      OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
      try (Response r = client.newCall(request).execute()) {
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.body().string()).startsWith("{\"response_type\":\"in_channel\",\"text\":\"opened ")
            .endsWith(": disk full\"}");
      }
      assertThat(kit.module(IncidentsModule.class).incidents().repository()
          .listAll(dev.obskit.core.id.TeamId.of("sre"),
              dev.obskit.incidents.incident.IncidentQuery.all())).hasSize(1);
    }
  }

  @Test
  void signingSecretWithoutTeam_failsAtStartNamingTheKey() {
    assertThatThrownBy(() -> kit(Map.of("obs.incidents.slack.signing-secret", SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("obs.incidents.slack.team: is required with obs.incidents.slack.signing-secret");
  }
}
