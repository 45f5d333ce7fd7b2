package dev.obskit.incidents.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.IncidentsConfig;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.notify.ActionLinks;
import dev.obskit.incidents.oncall.Frequency;
import dev.obskit.incidents.oncall.OnCallModule;
import dev.obskit.incidents.oncall.Rotation;
import dev.obskit.incidents.oncall.Schedule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notification links and iCal feeds through the embedded server, as a browser opens them. */
class IncidentRoutesTest {
  private static final TeamId TEAM = TeamId.of("team-a");
  private final ManualClock clock = ManualClock.startingAt("2026-03-16T08:00:00Z");
  private final HttpClient client = HttpClient.newHttpClient();
  private ObsKit kit;
  private EmbeddedHttpServer server;
  private IncidentsModule m;

  @BeforeEach
  void setUp() {
    kit = ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of()))
        .addModule(OnCallModule::create)
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder().setDriverEnabled(false)
            .setLinkSecret("link-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build()))
        .build().start();
    m = kit.module(IncidentsModule.class);
    server = kit.serve(HttpServerConfig.builder().basePath("/obskit").build());
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private Incident open() {
    return m.incidents().open(IncidentDraft.manual(TEAM, "DB <primary> down", Severity.SEV1, null, null,
        "host")).incident().orElseThrow();
  }

  /** The link as sent, re-rooted on the test server (the configured base URL is not served here). */
  private URI served(String link) {
    return URI.create(server.baseUrl() + "/incidents" + link.substring(link.indexOf("/" + TEAM.value() + "/")));
  }

  private HttpResponse<String> send(String method, URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ackLink_getConfirms_postActsOnce_secondPostSaysAlreadyAcknowledged() throws Exception {
    Incident i = open();
    URI link = served(m.links().link(ActionLinks.Action.ACKNOWLEDGE, i));
    HttpResponse<String> page = send("GET", link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\">").contains("DB &lt;primary&gt; down");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    assertThat(m.incidents().find(TEAM, i.id()).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
    HttpResponse<String> done = send("POST", link);
    assertThat(done.body()).contains("is now acknowledged");
    assertThat(m.incidents().find(TEAM, i.id()).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    HttpResponse<String> again = send("POST", link);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("was already acknowledged by link");
  }

  @Test
  void tamperedOrMissingToken_isRefusedWithAPageSayingWhy() throws Exception {
    Incident i = open();
    String link = served(m.links().link(ActionLinks.Action.ACKNOWLEDGE, i)).toString();
    String tampered = link.substring(0, link.length() - 1) + (link.endsWith("0") ? "1" : "0");
    HttpResponse<String> r = send("POST", URI.create(tampered));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("This link is not valid");
    assertThat(send("POST", URI.create(link.substring(0, link.indexOf('?')))).statusCode()).isEqualTo(403);
    String otherAction = link.replace("/acknowledge?", "/resolve?");
    assertThat(send("POST", URI.create(otherAction)).statusCode()).isEqualTo(403);
    assertThat(m.incidents().find(TEAM, i.id()).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void expiredLink_isRefusedWith410() throws Exception {
    Incident i = open();
    URI link = served(m.links().link(ActionLinks.Action.ACKNOWLEDGE, i));
    clock.advance(ActionLinks.DEFAULT_TTL.plusSeconds(1));
    HttpResponse<String> r = send("POST", link);
    assertThat(r.statusCode()).isEqualTo(410);
    assertThat(r.body()).contains("This link has expired");
  }

  @Test
  void resolveLink_fromBeforeReopen_isRefusedWith409() throws Exception {
    Incident i = open();
    URI link = served(m.links().link(ActionLinks.Action.RESOLVE, i));
    assertThat(send("POST", link).body()).contains("is now resolved");
    m.incidents().reopen(TEAM, i.id(), "user:b", "again");
    HttpResponse<String> r = send("POST", link);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("re-opened after this link was sent");
    assertThat(m.incidents().find(TEAM, i.id()).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void icalFeed_servedForItsTokenOnly_andRevocable() throws Exception {
    ScheduleId primary = ScheduleId.of("primary");
    kit.module(OnCallModule.class).schedules().create(Schedule.builder(TEAM, primary).setName("Primary")
        .setZone(ZoneId.of("UTC"))
        .addLayer("L1", 1, Rotation.builder().setZone("UTC").setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0))
            .setFrequency(Frequency.WEEKLY).addUsers(UserId.of("alice"), UserId.of("bob")).build())
        .build());
    String token = m.calendarTokens().userToken(TEAM, primary, UserId.of("alice"));
    URI feed = URI.create(server.baseUrl() + "/calendars/team-a/primary/users/alice/feed.ics?token=" + token);
    HttpResponse<String> r = send("GET", feed);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/calendar; charset=utf-8");
    assertThat(r.body()).startsWith("BEGIN:VCALENDAR").contains("SUMMARY:alice").doesNotContain("SUMMARY:bob");
    assertThat(send("GET", URI.create(server.baseUrl() + "/calendars/team-a/primary/users/bob/feed.ics?token="
        + token)).statusCode()).isEqualTo(404);
    assertThat(send("GET", URI.create(feed + "=")).statusCode()).isEqualTo(404);
    m.calendarTokens().revokeUser(TEAM, primary, UserId.of("alice"));
    assertThat(send("GET", feed).statusCode()).isEqualTo(404);
    assertThat(send("GET", URI.create(server.baseUrl() + "/calendars/team-a/primary/feed.ics?token="
        + m.calendarTokens().scheduleToken(TEAM, primary))).statusCode()).isEqualTo(200);
  }
}
