package dev.obskit.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.TimelineEventType;
import dev.obskit.incidents.notify.RetryPolicy;
import dev.obskit.incidents.notify.SignedWebhookNotifier;
import dev.obskit.incidents.notify.WebhookSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class IncidentsModuleTest {
  private static final TeamId TEAM = TeamId.of("team-a");
  private static final byte[] SECRET = "module-test-secret-123".getBytes(StandardCharsets.UTF_8);

  private record Received(String timestamp, String signature, byte[] body) {}

  @Test
  void alertOpensIncident_escalatesToOnCallUser_viaSignedWebhook_thenAckAndResolve() throws Exception {
    ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", ex -> {
      received.add(new Received(ex.getRequestHeaders().getFirst("X-ObsKit-Timestamp"),
          ex.getRequestHeaders().getFirst("X-ObsKit-Signature"), ex.getRequestBody().readAllBytes()));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    IncidentsConfig config = IncidentsConfig.builder().setDriverEnabled(false)
        .setOnCallDirectory((team, schedule, at) -> List.of(UserId.of("alice")))
        .setRetryPolicy(new RetryPolicy(2, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)))
        .addNotifier(new SignedWebhookNotifier(SECRET, clock)).build();
    try (ObsKit kit = ObsKit.builder().setClock(clock).setEventBus(EventBus.synchronous())
        .setIdGenerator(IdGenerator.sequential("id")).setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> IncidentsModule.create(ctx, config)).build().start()) {
      IncidentsModule incidents = kit.module(IncidentsModule.class);
      incidents.responders().put(new Responder(UserId.of("alice"), TEAM, "Alice",
          List.of(ContactMethod.always(ChannelKind.WEBHOOK, hook))));
      incidents.policies().add(EscalationPolicy.builder(TEAM, EscalationPolicyId.of("p"), "Primary")
          .addStep(Duration.ofMinutes(5), new EscalationTarget.OnCall(ScheduleId.of("s")))
          .setRepeatCount(2).build());
      incidents.catalog().add(Service.of(TEAM, ServiceId.of("api"), "api", EscalationPolicyId.of("p")));

      kit.context().alerts().trigger(Alert.builder(TEAM, "uptime:api").setComponent("api")
          .setSeverity(AlertSeverity.CRITICAL).setSummary("api down").build());
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
      WebhookSignature verifier = new WebhookSignature(SECRET);
      Received r = received.get(0);
      assertThat(verifier.verify(r.timestamp, r.signature, r.body, clock.instant(),
          WebhookSignature.DEFAULT_TOLERANCE).isValid()).isTrue();
      assertThat(new String(r.body, StandardCharsets.UTF_8)).contains("\"title\":\"[SEV1] api: api down\"");

      clock.advance(Duration.ofMinutes(5));
      incidents.tick();
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
      Incident incident = incidents.incidents().repository().listAll(TEAM, IncidentQuery.all()).get(0);
      incidents.incidents().acknowledge(TEAM, incident.id(), "user:alice");
      clock.advance(Duration.ofMinutes(5));
      incidents.tick();
      kit.context().alerts().resolve(TEAM, "uptime:api", "obs-uptime");
      Incident done = incidents.incidents().find(TEAM, incident.id()).orElseThrow();
      assertThat(done.status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(done.timeToAcknowledge()).contains(Duration.ofMinutes(5));
      assertThat(done.timeToResolve()).contains(Duration.ofMinutes(10));
      assertThat(received).hasSize(2);
      await().atMost(Duration.ofSeconds(10)).until(() -> incidents.incidents().find(TEAM, incident.id())
          .orElseThrow().entries(TimelineEventType.NOTIFIED).size() == 2);
      assertThat(incidents.postmortem(TEAM, incident.id()).orElseThrow().markdown())
          .contains("| Time to acknowledge (MTTA) | 5m 0s |");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void actionLinks_acknowledgeAndResolve_onlyWithAValidToken() {
    ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
    try (ObsKit kit = ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder().setDriverEnabled(false)
            .setLinkSecret("link-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build()))
        .build().start()) {
      IncidentsModule m = kit.module(IncidentsModule.class);
      Incident i = m.incidents().open(dev.obskit.incidents.incident.IncidentDraft.manual(TEAM, "x",
          dev.obskit.incidents.incident.Severity.SEV2, null, null, "host")).incident().orElseThrow();
      String url = m.links().link(dev.obskit.incidents.notify.ActionLinks.Action.ACKNOWLEDGE, TEAM, i.id());
      String token = url.substring(url.indexOf("token=") + 6);
      assertThat(m.applyLink(dev.obskit.incidents.notify.ActionLinks.Action.RESOLVE, TEAM, i.id(),
          token, "user:x")).isInstanceOf(dev.obskit.incidents.incident.TransitionResult.NotFound.class);
      assertThat(m.applyLink(dev.obskit.incidents.notify.ActionLinks.Action.ACKNOWLEDGE, TEAM, i.id(),
          token, "user:alice").isApplied()).isTrue();
      assertThat(m.incidents().find(TEAM, i.id()).orElseThrow().acknowledgedBy()).isEqualTo("user:alice");
    }
  }

  @Test
  void responders_areReportedAsUsage() {
    ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
    try (ObsKit kit = ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder().setDriverEnabled(false)
            .build())).build().start()) {
      List<dev.obskit.core.usage.UsageEvent> usage = new CopyOnWriteArrayList<>();
      kit.context().eventBus().subscribe(dev.obskit.core.usage.UsageEvent.class, usage::add);
      IncidentsModule m = kit.module(IncidentsModule.class);
      m.responders().put(new Responder(UserId.of("a"), TEAM, "A", List.of()));
      m.responders().put(new Responder(UserId.of("b"), TEAM, "B", List.of()));
      m.responders().put(new Responder(UserId.of("b"), TEAM, "B2", List.of()));
      assertThat(usage).extracting(u -> u.meter() + "=" + u.quantity())
          .containsExactly("incidents.responders=1", "incidents.responders=2", "incidents.responders=2");
      assertThat(usage).extracting(dev.obskit.core.usage.UsageEvent::idempotencyKey).doesNotHaveDuplicates();
    }
  }

  @Test
  void fromConfig_readsKeys_andRejectsBadValuesByName() {
    ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
    IncidentsConfig c = IncidentsConfig.fromConfig(ConfigProperties.of(Map.of(
        "obs.incidents.ack-timeout", "10m", "obs.incidents.webhook.secret", "0123456789abcdef-x",
        "obs.incidents.twilio.account-sid", "AC0123456789abcdef0123456789abcdef",
        "obs.incidents.twilio.auth-token", "t", "obs.incidents.twilio.from", "+15550000000")), clock)
        .build();
    assertThat(c.ackTimeout).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.notifiers).extracting(n -> n.channel()).containsExactly(ChannelKind.SLACK,
        ChannelKind.MS_TEAMS, ChannelKind.WEBHOOK, ChannelKind.SMS, ChannelKind.VOICE);
    assertThatThrownBy(() -> IncidentsConfig.fromConfig(ConfigProperties.of(Map.of(
        "obs.incidents.webhook.secret", "short")), clock)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("obs.incidents.webhook.secret");
    assertThatThrownBy(() -> IncidentsConfig.fromConfig(ConfigProperties.of(Map.of(
        "obs.incidents.twilio.account-sid", "AC0123456789abcdef0123456789abcdef")), clock))
        .isInstanceOf(ConfigException.class).hasMessageContaining("obs.incidents.twilio.auth-token");
    assertThatThrownBy(() -> IncidentsConfig.fromConfig(ConfigProperties.of(Map.of(
        "obs.incidents.ack-timeout", "soon")), clock)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("obs.incidents.ack-timeout");
    assertThatThrownBy(() -> IncidentsConfig.builder().setAckTimeout(Duration.ofDays(8)))
        .hasMessageContaining("ackTimeout");
  }

  @Test
  void withoutDirectory_nobodyIsOnCall_andTheKitShutsDownCleanly() {
    ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
    ObsKit kit = ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder()
            .setTickInterval(Duration.ofMillis(50)).build())).build().start();
    IncidentsModule incidents = kit.module(IncidentsModule.class);
    incidents.policies().add(EscalationPolicy.builder(TEAM, EscalationPolicyId.of("p"), "Primary")
        .addStep(Duration.ofMinutes(5), new EscalationTarget.OnCall(ScheduleId.of("s"))).build());
    incidents.catalog().add(Service.of(TEAM, ServiceId.of("api"), "api", EscalationPolicyId.of("p")));
    kit.context().alerts().trigger(Alert.builder(TEAM, "k").setComponent("api").setSummary("x").build());
    Incident i = incidents.incidents().repository().listAll(TEAM, IncidentQuery.all()).get(0);
    assertThat(i.entries(TimelineEventType.ESCALATION_SKIPPED)).anySatisfy(e ->
        assertThat(e.message()).contains("nobody on call"));
    assertThat(kit.shutdown().isClean()).isTrue();
  }
}
