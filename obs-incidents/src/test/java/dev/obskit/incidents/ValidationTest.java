package dev.obskit.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Recipient;
import dev.obskit.core.notify.Urgency;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationStep;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.notify.ActionLinks;
import dev.obskit.incidents.notify.PhoneNotifier;
import dev.obskit.incidents.notify.RateLimit;
import dev.obskit.incidents.notify.RetryPolicy;
import dev.obskit.incidents.notify.SlackWebhookNotifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Malformed, hostile and oversized input gets a clear error naming the bad value. */
class ValidationTest {
  private static final TeamId TEAM = TeamId.of("t");

  @Test
  void actionLinks_verifyOnlyTheirOwnActionAndIncident() {
    ActionLinks links = new ActionLinks("https://obs.example/i/", "0123456789abcdef".getBytes(
        StandardCharsets.UTF_8));
    String ack = links.link(ActionLinks.Action.ACKNOWLEDGE, TEAM, IncidentId.of("inc-1"));
    assertThat(ack).startsWith("https://obs.example/i/t/inc-1/acknowledge?token=");
    String token = ack.substring(ack.indexOf("token=") + 6);
    assertThat(links.verify(ActionLinks.Action.ACKNOWLEDGE, TEAM, IncidentId.of("inc-1"), token)).isTrue();
    assertThat(links.verify(ActionLinks.Action.RESOLVE, TEAM, IncidentId.of("inc-1"), token)).isFalse();
    assertThat(links.verify(ActionLinks.Action.ACKNOWLEDGE, TEAM, IncidentId.of("inc-2"), token)).isFalse();
    assertThat(links.verify(ActionLinks.Action.ACKNOWLEDGE, TeamId.of("u"), IncidentId.of("inc-1"),
        token)).isFalse();
    assertThat(links.verify(ActionLinks.Action.ACKNOWLEDGE, TEAM, IncidentId.of("inc-1"), null)).isFalse();
    assertThat(links.verify(ActionLinks.Action.ACKNOWLEDGE, TEAM, IncidentId.of("inc-1"),
        "x".repeat(100_000))).isFalse();
    assertThatThrownBy(() -> new ActionLinks("ftp://x", new byte[32]))
        .hasMessage("baseUrl must be an http(s) URL, got 'ftp://x'");
    assertThatThrownBy(() -> new ActionLinks("https://x", new byte[4]))
        .hasMessage("link secret must be at least 16 bytes, got 4");
  }

  @Test
  void policiesAndSteps_rejectBadShapes() {
    assertThatThrownBy(() -> EscalationPolicy.builder(TEAM, EscalationPolicyId.of("p"), "P").build())
        .hasMessage("escalation policy p needs at least one step");
    assertThatThrownBy(() -> EscalationPolicy.builder(TEAM, EscalationPolicyId.of("p"), "P")
        .addStep(Duration.ZERO, new EscalationTarget.User(UserId.of("a"))).setRepeatCount(10).build())
        .hasMessage("repeatCount must be between 0 and 9, got 10 for p");
    assertThatThrownBy(() -> EscalationStep.of(Duration.ofDays(8), new EscalationTarget.User(UserId.of("a"))))
        .hasMessageContaining("waitBeforeNext must be between 0 and PT168H, got PT192H");
    assertThatThrownBy(() -> EscalationStep.of(Duration.ofMinutes(-1), new EscalationTarget.User(UserId.of("a"))))
        .hasMessageContaining("got PT-1M");
    assertThatThrownBy(() -> new EscalationStep(List.of(), Duration.ZERO))
        .hasMessage("an escalation step needs at least one target");
    assertThatThrownBy(() -> new EscalationTarget.Webhook(ChannelKind.SMS, "https://x", "#ops"))
        .hasMessage("a webhook target needs SLACK, MS_TEAMS or WEBHOOK, got SMS for #ops");
    assertThatThrownBy(() -> new EscalationTarget.Webhook(ChannelKind.SLACK, "javascript:alert(1)", "#ops"))
        .hasMessage("webhook URL for #ops must be http(s)");
    assertThatThrownBy(() -> new ContactMethod(ChannelKind.SMS, " ", Set.of(Urgency.HIGH)))
        .hasMessage("contact address must not be blank for SMS");
    assertThatThrownBy(() -> new ContactMethod(ChannelKind.SMS, "+1555", Set.of()))
        .hasMessage("a contact method needs at least one urgency");
    assertThatThrownBy(() -> Service.of(TEAM, ServiceId.of("s"), " ", null))
        .hasMessage("service name must not be blank for s");
  }

  @Test
  void retryAndRateLimitSettings_nameTheBadValue() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 1, Duration.ZERO))
        .hasMessage("maxAttempts must be between 1 and 20, got 0");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(5), 2, Duration.ofSeconds(1)))
        .hasMessage("need 0 <= initialBackoff <= maxBackoff, got PT5S and PT1S");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Double.NaN, Duration.ZERO))
        .hasMessage("multiplier must be >= 1, got NaN");
    assertThat(RetryPolicy.defaults().backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryPolicy.defaults().backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(RetryPolicy.defaults().backoffAfter(30)).isEqualTo(Duration.ofSeconds(30));
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1), clock))
        .hasMessage("permits must be >= 1, got 0");
    RateLimit limit = new RateLimit(1, Duration.ofSeconds(10), clock);
    assertThat(limit.tryAcquire()).isTrue();
    assertThat(limit.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(10));
    assertThat(limit.tryAcquire()).isTrue();
  }

  @Test
  void oversizedText_isCutForChannelsWithLimits() {
    Notification huge = Notification.builder("n", TEAM, new Recipient(ChannelKind.SMS, "+15550001111", "A"))
        .setTitle("T".repeat(1_000_000)).build();
    assertThat(PhoneNotifier.smsText(huge)).hasSize(PhoneNotifier.MAX_SMS);
    String slack = SlackWebhookNotifier.render(huge);
    assertThat(slack).contains("\"text\":\"" + "T".repeat(149) + "…\"");
  }

  @Test
  void serviceLoader_findsTheModule_andConfigCanDisableIt() {
    try (ObsKit kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of(
        "obs.incidents.driver.enabled", "false", "obs.oncall.enabled", "false")))
        .addServiceLoaderModules().build().start()) {
      assertThat(kit.findModule(IncidentsModule.class)).isPresent();
    }
    try (ObsKit kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of(
        "obs.incidents.enabled", "false"))).addServiceLoaderModules().build().start()) {
      assertThat(kit.findModule(IncidentsModule.class)).isEmpty();
    }
  }
}
