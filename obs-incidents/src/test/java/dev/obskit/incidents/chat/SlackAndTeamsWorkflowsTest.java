package dev.obskit.incidents.chat;

import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.http.Router;
import dev.obskit.core.id.IncidentId;
import dev.obskit.incidents.FakeOnCall;
import dev.obskit.incidents.IncidentsRig;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack interactivity and slash commands, and the Teams outgoing webhook: signature checks (valid,
 * tampered body, stale timestamp, replay) and what each request does. Slack's side is played by
 * this test (signing exactly as Slack documents) and a local fake receiving {@code response_url}
 * posts.
 */
class SlackAndTeamsWorkflowsTest {
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String TEAMS_TOKEN = Base64.getEncoder()
      .encodeToString("teams-security-token-32-bytes!!!".getBytes(StandardCharsets.UTF_8));
  private final IncidentsRig rig = new IncidentsRig();
  private final MockWebServer fakeSlack = new MockWebServer();
  private SlackWorkflows slack;
  private TeamsOutgoingWebhook teams;
  private IncidentId incident;

  @BeforeEach
  void setUp() throws Exception {
    fakeSlack.start();
    FakeOnCall onCall = new FakeOnCall().shift(dev.obskit.core.id.ScheduleId.of("primary"),
        rig.clock.instant().minusSeconds(60), rig.clock.instant().plusSeconds(3600),
        IncidentsRig.ALICE, IncidentsRig.BOB);
    slack = SlackWorkflows.builder().setIncidents(rig.incidents).setTeam(TEAM)
        .setSigningSecret(SECRET).setClock(rig.clock)
        .setOnCall(onCall, dev.obskit.core.id.ScheduleId.of("primary"))
        .setResponseUrlPrefix(fakeSlack.url("/").toString()).build();
    teams = slack.teams(TEAMS_TOKEN);
    incident = rig.incidents.open(new IncidentDraft(TEAM, "checkout down", Severity.SEV2, null,
        null, "", "test", Map.of())).incident().orElseThrow().id();
  }

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
    fakeSlack.shutdown();
    rig.close();
  }

  private String now() {
    return Long.toString(rig.clock.instant().getEpochSecond());
  }

  /** Slack's documented signature, computed here independently of the code under test. */
  private static String slackSignature(String ts, byte[] body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] d = mac.doFinal(("v0:" + ts + ":" + new String(body, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8));
    return "v0=" + java.util.HexFormat.of().formatHex(d);
  }

  private byte[] buttonClick(String actionId) {
    String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U123\",\"username\":\"carol\"},"
        + "\"response_url\":\"" + fakeSlack.url("/actions/T1/42/xyz") + "\","
        + "\"actions\":[{\"action_id\":\"" + actionId + "\",\"block_id\":\"b1\",\"type\":\"button\","
        + "\"value\":\"team-a/" + incident.value() + "\",\"action_ts\":\"1772442000.1\"}]}";
    return ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
  }

  private Incident current() {
    return rig.repository.find(TEAM, incident).orElseThrow();
  }

  @Test
  void acknowledgeButton_validRequest_acknowledges_andPostsToTheResponseUrl() throws Exception {
    byte[] body = buttonClick("acknowledge");
    String ts = now();

    ChatReply reply = slack.interactivity(ts, slackSignature(ts, body), body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(current().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(current().acknowledgedBy()).isEqualTo("slack:U123");
    RecordedRequest posted = fakeSlack.takeRequest(5, TimeUnit.SECONDS);
    assertThat(posted).isNotNull();
    assertThat(posted.getMethod()).isEqualTo("POST");
    assertThat(posted.getPath()).isEqualTo("/actions/T1/42/xyz");
    assertThat(posted.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(posted.getBody().readUtf8()).isEqualTo("{\"replace_original\":false,\"text\":\""
        + incident.value() + " acknowledged by slack:U123\"}");
  }

  @Test
  void tamperedBody_isRefused_andChangesNothing() throws Exception {
    byte[] body = buttonClick("acknowledge");
    String ts = now();
    String signature = slackSignature(ts, body);
    byte[] tampered = buttonClick("resolve");

    ChatReply reply = slack.interactivity(ts, signature, tampered);

    assertThat(reply).isEqualTo(new ChatReply(401, "{\"error\":\"mismatch\"}"));
    assertThat(current().status()).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void staleTimestamp_isRefused_evenWhenCorrectlySigned() throws Exception {
    byte[] body = buttonClick("acknowledge");
    String ts = Long.toString(rig.clock.instant().getEpochSecond() - 301);

    assertThat(slack.interactivity(ts, slackSignature(ts, body), body).json())
        .isEqualTo("{\"error\":\"stale\"}");
    String edge = Long.toString(rig.clock.instant().getEpochSecond() - 300);
    assertThat(slack.interactivity(edge, slackSignature(edge, body), body).status()).isEqualTo(200);
  }

  @Test
  void replayedRequest_isRefused() throws Exception {
    byte[] body = buttonClick("resolve");
    String ts = now();
    String signature = slackSignature(ts, body);
    assertThat(slack.interactivity(ts, signature, body).status()).isEqualTo(200);
    assertThat(current().status()).isEqualTo(IncidentStatus.RESOLVED);
    rig.incidents.reopen(TEAM, incident, "user:alice", "not fixed");

    assertThat(slack.interactivity(ts, signature, body).json()).isEqualTo("{\"error\":\"replayed\"}");
    assertThat(current().status()).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void malformedHeadersAndPayloads_areRefused() throws Exception {
    byte[] body = buttonClick("acknowledge");
    String ts = now();
    assertThat(slack.interactivity(null, null, body).status()).isEqualTo(401);
    assertThat(slack.interactivity(ts, "v0=zz", body).status()).isEqualTo(401);
    assertThat(slack.interactivity("-5", slackSignature("-5", body), body).status()).isEqualTo(401);
    byte[] junk = "payload=%ZZnot-json".getBytes(StandardCharsets.UTF_8);
    assertThat(slack.interactivity(ts, slackSignature(ts, junk), junk).status()).isEqualTo(400);
    byte[] other = ("payload=" + URLEncoder.encode("{\"type\":\"block_actions\",\"actions\":[{"
        + "\"action_id\":\"acknowledge\",\"value\":\"other-team/" + incident.value() + "\"}]}",
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    assertThat(slack.interactivity(ts, slackSignature(ts, other), other).json())
        .isEqualTo("{\"error\":\"not an incident of this team\"}");
    assertThat(current().status()).isEqualTo(IncidentStatus.TRIGGERED);
  }

  private ChatReply command(String text) throws Exception {
    rig.clock.advance(Duration.ofSeconds(1)); // a new request, not a replay of the previous one
    byte[] body = ("token=x&team_id=T1&command=%2Fobskit&text=" + URLEncoder.encode(text,
        StandardCharsets.UTF_8) + "&user_id=U9&response_url=" + URLEncoder.encode(
        fakeSlack.url("/commands/1").toString(), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    String ts = now();
    return slack.command(ts, slackSignature(ts, body), body);
  }

  @Test
  void slashCommands_ackResolveOncallIncident() throws Exception {
    assertThat(command("oncall").json())
        .isEqualTo("{\"response_type\":\"ephemeral\",\"text\":\"primary: alice, bob\"}");
    assertThat(command("ack " + incident.value()).json()).isEqualTo("{\"response_type\":\"ephemeral\","
        + "\"text\":\"" + incident.value() + " acknowledged by slack:U9\"}");
    assertThat(command("ack " + incident.value()).json()).contains("is already acknowledged by slack:U9");
    assertThat(command("resolve " + incident.value()).json()).contains("resolved by slack:U9");
    assertThat(command("resolve nope-1").json()).contains("no incident nope-1 for team team-a");
    ChatReply opened = command("incident payments are slow");
    assertThat(opened.json()).startsWith("{\"response_type\":\"in_channel\",\"text\":\"opened ")
        .endsWith(": payments are slow\"}");
    assertThat(command("dance").json()).contains(ChatActions.HELP);
  }

  private static byte[] teamsActivity(String id, String ts, String text) {
    return ("{\"type\":\"message\",\"id\":\"" + id + "\",\"timestamp\":\"" + ts + "\","
        + "\"from\":{\"id\":\"29:1abc\",\"name\":\"Dana\"},\"text\":\"<at>ObsKit</at> " + text + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Teams' HMAC computed here from the documented rule, not by the code under test. */
  private static String teamsAuth(byte[] body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(TEAMS_TOKEN), "HmacSHA256"));
    return "HMAC " + Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  @Test
  void teams_validTamperedStaleAndReplayed() throws Exception {
    String ts = rig.clock.instant().toString();
    byte[] ack = teamsActivity("1", ts, "ack " + incident.value());

    ChatReply ok = teams.handle(teamsAuth(ack), ack);
    assertThat(ok).isEqualTo(new ChatReply(200, "{\"type\":\"message\",\"text\":\""
        + incident.value() + " acknowledged by teams:29:1abc\"}"));
    assertThat(teams.handle(teamsAuth(ack), ack).status()).as("replay").isEqualTo(401);

    byte[] resolve = teamsActivity("2", ts, "resolve " + incident.value());
    byte[] tampered = teamsActivity("2", ts, "resolve " + incident.value() + " ");
    assertThat(teams.handle(teamsAuth(resolve), tampered).status()).as("tampered").isEqualTo(401);
    byte[] stale = teamsActivity("3", rig.clock.instant().minusSeconds(301).toString(), "oncall");
    assertThat(teams.handle(teamsAuth(stale), stale).json()).as("stale").contains("stale");
    assertThat(teams.handle(null, resolve).status()).isEqualTo(401);
    assertThat(teams.handle("HMAC !!!", resolve).status()).isEqualTo(401);
    assertThat(current().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
  }

  @Test
  void routes_overTheEmbeddedServer_verifyAndAct() throws Exception {
    Router router = Router.builder().add(ChatRoutes.group(slack, teams)).build();
    try (EmbeddedHttpServer server = EmbeddedHttpServer.start(router,
        HttpServerConfig.builder().port(0).build())) {
      OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
      byte[] body = buttonClick("acknowledge");
      String ts = now();
      Request request = new Request.Builder().url(server.baseUrl() + "/slack/interactivity")
          .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", slackSignature(ts, body))
          .post(RequestBody.create(body, MediaType.get("application/x-www-form-urlencoded"))).build();
      try (Response r = client.newCall(request).execute()) {
        assertThat(r.code()).isEqualTo(200);
      }
      try (Response r = client.newCall(request).execute()) {
        assertThat(r.code()).as("replay over HTTP").isEqualTo(401);
      }
      assertThat(current().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
      byte[] huge = new byte[(int) ChatRoutes.MAX_BODY_BYTES + 1];
      Request big = new Request.Builder().url(server.baseUrl() + "/teams/webhook")
          .post(RequestBody.create(huge, MediaType.get("application/json"))).build();
      try (Response r = client.newCall(big).execute()) {
        assertThat(r.code()).isEqualTo(413);
      }
    }
  }
}
