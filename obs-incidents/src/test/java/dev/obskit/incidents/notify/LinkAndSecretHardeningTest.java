package dev.obskit.incidents.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Link;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.IncidentsConfig;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.oncall.ical.CalendarFeedTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The link and secret defects probed through the public API in issue 12; each failed before. */
class LinkAndSecretHardeningTest {
  private static final TeamId TEAM = TeamId.of("team-a");
  private static final byte[] SECRET = "link-secret-0123456789".getBytes(StandardCharsets.UTF_8);
  private final ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");

  private ObsKit kit() {
    return ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder().setDriverEnabled(false)
            .setLinkSecret(SECRET).build()))
        .build().start();
  }

  private static String token(String url) {
    return url.substring(url.indexOf("token=") + 6);
  }

  private static Incident open(IncidentsModule m) {
    return m.incidents().open(IncidentDraft.manual(TEAM, "db down", Severity.SEV2, null, null, "host"))
        .incident().orElseThrow();
  }

  @Test
  void link_400DaysOld_noLongerAcknowledges() {
    try (ObsKit kit = kit()) {
      IncidentsModule m = kit.module(IncidentsModule.class);
      Incident i = open(m);
      String token = token(m.links().link(ActionLinks.Action.ACKNOWLEDGE, i));
      clock.advance(Duration.ofDays(400));
      assertThat(m.links().verify(ActionLinks.Action.ACKNOWLEDGE, TEAM, i.id(), token)).isFalse();
      assertThat(m.applyLink(ActionLinks.Action.ACKNOWLEDGE, TEAM, i.id(), token, "user:bob")
          .isApplied()).isFalse();
      assertThat(m.links().check(ActionLinks.Action.ACKNOWLEDGE, TEAM, i.id(), token, 0))
          .isEqualTo(ActionLinks.Verdict.EXPIRED);
    }
  }

  @Test
  void resolveLink_sentBeforeReopen_doesNotResolveTheReopenedIncident() {
    try (ObsKit kit = kit()) {
      IncidentsModule m = kit.module(IncidentsModule.class);
      Incident i = open(m);
      String token = token(m.links().link(ActionLinks.Action.RESOLVE, i));
      assertThat(m.applyLink(ActionLinks.Action.RESOLVE, TEAM, i.id(), token, "user:a").isApplied()).isTrue();
      m.incidents().reopen(TEAM, i.id(), "user:b", "it came back");
      assertThat(m.applyLink(ActionLinks.Action.RESOLVE, TEAM, i.id(), token, "user:a").isApplied()).isFalse();
      Incident reopened = m.incidents().find(TEAM, i.id()).orElseThrow();
      assertThat(reopened.status()).isEqualTo(IncidentStatus.TRIGGERED);
      String fresh = token(m.links().link(ActionLinks.Action.RESOLVE, reopened));
      assertThat(m.applyLink(ActionLinks.Action.RESOLVE, TEAM, i.id(), fresh, "user:a").isApplied()).isTrue();
    }
  }

  @Test
  void tokens_forIdsThatConcatenateAlike_differ() {
    ActionLinks links = new ActionLinks("https://x.example/obskit", SECRET, clock, Duration.ofDays(1));
    String a = token(links.link(ActionLinks.Action.ACKNOWLEDGE, TeamId.of("acme"), IncidentId.of("ops:inc-9")));
    String b = token(links.link(ActionLinks.Action.ACKNOWLEDGE, TeamId.of("acme:ops"), IncidentId.of("inc-9")));
    assertThat(a).isNotEqualTo(b);
    assertThat(links.verify(ActionLinks.Action.ACKNOWLEDGE, TeamId.of("acme:ops"), IncidentId.of("inc-9"), a))
        .isFalse();
  }

  @Test
  void linkToken_otherSpellings_areRefused() {
    ActionLinks links = new ActionLinks("https://x.example/obskit", SECRET, clock, Duration.ofDays(1));
    IncidentId id = IncidentId.of("inc-1");
    String t = token(links.link(ActionLinks.Action.ACKNOWLEDGE, TEAM, id));
    assertThat(links.verify(ActionLinks.Action.ACKNOWLEDGE, TEAM, id, t)).isTrue();
    for (String other : new String[] {t.toUpperCase(), "0" + t, "+" + t, t + " ", t.replaceFirst("^0\\.", "00.")}) {
      assertThat(links.verify(ActionLinks.Action.ACKNOWLEDGE, TEAM, id, other)).as(other).isFalse();
    }
  }

  @Test
  void icalToken_acceptsOnlyItsCanonicalSpelling() {
    CalendarFeedTokens tokens = CalendarFeedTokens.withSecret(new byte[32]);
    ScheduleId s = ScheduleId.of("primary");
    String t = tokens.scheduleToken(TEAM, s);
    assertThat(t).hasSize(43);
    assertThat(tokens.verifySchedule(TEAM, s, t)).isTrue();
    // 43 base64 characters carry 258 bits for a 256-bit MAC: the last character has 2 unused bits.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(t.charAt(42));
    int accepted = 0;
    for (int unused = 0; unused < 4; unused++) {
      String spelled = t.substring(0, 42) + alphabet.charAt((last & ~3) | unused);
      if (tokens.verifySchedule(TEAM, s, spelled)) {
        accepted++;
      }
      if (tokens.verifySchedule(TEAM, s, spelled + "=")) {
        accepted++;
      }
    }
    assertThat(accepted).as("spellings accepted").isEqualTo(1);
  }

  @Test
  void icalFeed_revokingOneUsersFeed_leavesTheOthersWorking() {
    CalendarFeedTokens tokens = CalendarFeedTokens.withSecret(new byte[32]);
    ScheduleId s = ScheduleId.of("primary");
    UserId alice = UserId.of("alice");
    UserId bob = UserId.of("bob");
    String aliceOld = tokens.userToken(TEAM, s, alice);
    String bobToken = tokens.userToken(TEAM, s, bob);
    String schedule = tokens.scheduleToken(TEAM, s);
    String aliceNew = tokens.revokeUser(TEAM, s, alice);
    assertThat(tokens.verifyUser(TEAM, s, alice, aliceOld)).isFalse();
    assertThat(tokens.verifyUser(TEAM, s, alice, aliceNew)).isTrue();
    assertThat(aliceNew).isNotEqualTo(aliceOld);
    assertThat(tokens.verifyUser(TEAM, s, bob, bobToken)).isTrue();
    assertThat(tokens.verifySchedule(TEAM, s, schedule)).isTrue();
    tokens.revokeSchedule(TEAM, s);
    assertThat(tokens.verifySchedule(TEAM, s, schedule)).isFalse();
    assertThat(tokens.verifyUser(TEAM, s, bob, bobToken)).isTrue();
  }

  @Test
  void toString_ofWebhookTargetsContactMethodsAndLinks_hidesSecrets() {
    String hook = "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX";
    assertThat(new EscalationTarget.Webhook(ChannelKind.SLACK, hook, "#ops").toString())
        .doesNotContain("SECRET").doesNotContain("hooks.slack.com/services").contains("#ops");
    assertThat(ContactMethod.always(ChannelKind.WEBHOOK, hook).toString()).doesNotContain("SECRET");
    assertThat(ContactMethod.always(ChannelKind.SMS, "+15551234567").toString()).doesNotContain("5551234567");
    ActionLinks links = new ActionLinks("https://x.example/obskit", SECRET, clock, Duration.ofDays(1));
    String url = links.link(ActionLinks.Action.ACKNOWLEDGE, TEAM, IncidentId.of("inc-1"));
    String printed = new Link("Acknowledge", url).toString();
    assertThat(printed).doesNotContain(token(url)).contains("https://x.example");
    assertThat(new Link("x", "https://user:pw@h.example/a").toString()).doesNotContain("pw");
    assertThat(links.toString()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
  }
}
