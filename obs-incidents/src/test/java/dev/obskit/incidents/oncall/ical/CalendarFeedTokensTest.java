package dev.obskit.incidents.oncall.ical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CalendarFeedTokensTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final TeamId TEAM = TeamId.of("sre");
  private static final ScheduleId SCHEDULE = ScheduleId.of("primary");
  private static final UserId BOB = UserId.of("bob");

  private final CalendarFeedTokens tokens = CalendarFeedTokens.withSecret(SECRET);

  @Test
  void token_matchesAnIndependentHmacComputation() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
        mac.doFinal("obskit-ical-v1\nsre\nprimary\nbob".getBytes(StandardCharsets.UTF_8)));

    assertThat(tokens.userToken(TEAM, SCHEDULE, BOB)).isEqualTo(expected);
    assertThat(tokens.verifyUser(TEAM, SCHEDULE, BOB, expected)).isTrue();
  }

  @Test
  void tokens_areScopedToTheirFeed_andHostileInputIsJustRejected() {
    String scheduleToken = tokens.scheduleToken(TEAM, SCHEDULE);
    String bobToken = tokens.userToken(TEAM, SCHEDULE, BOB);

    assertThat(tokens.verifySchedule(TEAM, SCHEDULE, scheduleToken)).isTrue();
    assertThat(tokens.verifySchedule(TEAM, SCHEDULE, bobToken)).isFalse();
    assertThat(tokens.verifyUser(TEAM, SCHEDULE, UserId.of("alice"), bobToken)).isFalse();
    assertThat(tokens.verifySchedule(TeamId.of("other"), SCHEDULE, scheduleToken)).isFalse();
    assertThat(CalendarFeedTokens.withSecret("another-secret-of-at-least-32-bytes!".getBytes(
        StandardCharsets.US_ASCII)).verifySchedule(TEAM, SCHEDULE, scheduleToken)).isFalse();
    assertThat(tokens.verifySchedule(TEAM, SCHEDULE, null)).isFalse();
    assertThat(tokens.verifySchedule(TEAM, SCHEDULE, "")).isFalse();
    assertThat(tokens.verifySchedule(TEAM, SCHEDULE, "%%%not base64%%%")).isFalse();
    assertThat(tokens.verifySchedule(TEAM, SCHEDULE, "A".repeat(100_000))).isFalse();
    assertThat(tokens.verifySchedule(TEAM, SCHEDULE, scheduleToken.substring(1))).isFalse();
  }

  @Test
  void shortSecret_isRefused() {
    assertThatThrownBy(() -> CalendarFeedTokens.withSecret(new byte[31]))
        .hasMessage("secret must be at least 32 bytes, got 31");
  }
}
