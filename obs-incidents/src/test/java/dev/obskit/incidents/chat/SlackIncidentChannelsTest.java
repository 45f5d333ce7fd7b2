package dev.obskit.incidents.chat;

import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.IncidentId;
import dev.obskit.incidents.IncidentsRig;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.Severity;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A channel per incident through a local fake of Slack's Web API checking the exact requests. */
class SlackIncidentChannelsTest {
  private static final String TOKEN = "xoxb-test-token";
  private final IncidentsRig rig = new IncidentsRig();
  private final MockWebServer fakeSlack = new MockWebServer();
  private SlackIncidentChannels channels;

  @AfterEach
  void tearDown() throws Exception {
    if (channels != null) {
      channels.close();
    }
    fakeSlack.shutdown();
    rig.close();
  }

  private void start(String createAnswer) throws Exception {
    fakeSlack.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getPath().endsWith("/conversations.create") ? createAnswer : "{\"ok\":true}";
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
      }
    });
    fakeSlack.start();
    channels = new SlackIncidentChannels(TOKEN, fakeSlack.url("/api/").toString());
    rig.incidents.addListener(channels);
  }

  private RecordedRequest next() throws InterruptedException {
    RecordedRequest r = fakeSlack.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request to the Slack fake").isNotNull();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    return r;
  }

  @Test
  void incidentLifecycle_createsMirrorsAndArchivesItsChannel() throws Exception {
    start("{\"ok\":true,\"channel\":{\"id\":\"C0INC1\",\"name\":\"inc-inc-1-checkout-is-down\"}}");
    IncidentId id = rig.incidents.open(new IncidentDraft(TEAM, "Checkout is DOWN!", Severity.SEV2,
        null, null, "", "user:alice", Map.of())).incident().orElseThrow().id();

    RecordedRequest create = next();
    assertThat(create.getPath()).isEqualTo("/api/conversations.create");
    assertThat(create.getBody().readUtf8()).isEqualTo("{\"name\":\"inc-" + id.value()
        + "-checkout-is-down\",\"is_private\":false}");
    RecordedRequest opened = next();
    assertThat(opened.getPath()).isEqualTo("/api/chat.postMessage");
    assertThat(opened.getBody().readUtf8()).isEqualTo(
        "{\"channel\":\"C0INC1\",\"text\":\"#1 OPENED: opened SEV2: Checkout is DOWN!\"}");

    rig.incidents.acknowledge(TEAM, id, "user:alice");
    assertThat(next().getBody().readUtf8()).isEqualTo(
        "{\"channel\":\"C0INC1\",\"text\":\"#2 ACKNOWLEDGED: acknowledged by user:alice\"}");

    rig.incidents.resolve(TEAM, id, "user:alice", "fixed");
    assertThat(next().getBody().readUtf8()).startsWith("{\"channel\":\"C0INC1\",\"text\":\"#3 RESOLVED: ");
    RecordedRequest archive = next();
    assertThat(archive.getPath()).isEqualTo("/api/conversations.archive");
    assertThat(archive.getBody().readUtf8()).isEqualTo("{\"channel\":\"C0INC1\"}");
    assertThat(fakeSlack.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void slackRefusingTheChannel_postsNothing_andNeverThrowsIntoTheCommand() throws Exception {
    start("{\"ok\":false,\"error\":\"name_taken\"}");
    IncidentId id = rig.incidents.open(new IncidentDraft(TEAM, "db slow", Severity.SEV3, null,
        null, "", "user:alice", Map.of())).incident().orElseThrow().id();
    assertThat(next().getPath()).isEqualTo("/api/conversations.create");

    assertThat(rig.incidents.acknowledge(TEAM, id, "user:bob").isApplied()).isTrue();
    assertThat(fakeSlack.takeRequest(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void channelName_isSlackSafe() {
    var incident = rig.incidents.open(new IncidentDraft(TEAM, "Ünïcode & spaces -- "
        + "x".repeat(100), Severity.SEV3, null, null, "", "t", Map.of())).incident().orElseThrow();
    String name = SlackIncidentChannels.channelName(incident);
    assertThat(name).matches("[a-z0-9_-]{1,80}").startsWith("inc-" + incident.id().value()
        + "-n-code-spaces-x").doesNotEndWith("-");
  }
}
