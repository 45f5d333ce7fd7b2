package dev.obskit.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Multi-megabyte adversarial strings must be processed in linear time. The 10 s bound is only a
 * guard against a hang (catastrophic backtracking), not a performance assertion.
 */
class PiiScrubberHostileInputTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);
  private static final int FIVE_MB = 5 * 1024 * 1024;
  private final PiiScrubber scrubber = PiiScrubber.defaults();

  private static String repeatTo(String unit, int length) {
    return unit.repeat(length / unit.length());
  }

  private String scrub(String input) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> scrubber.scrubText(input));
  }

  @Test
  void repeatedAtDotPattern_isLeftUnchanged() {
    String input = repeatTo("@a.", FIVE_MB);

    assertThat(scrub(input)).isEqualTo(input);
  }

  @Test
  void longLocalPartsAndDomains_areHandled() {
    String input = repeatTo("a", FIVE_MB) + "@" + repeatTo("b.", FIVE_MB / 4);

    assertThat(scrub(input)).hasSize(input.length());
  }

  @Test
  void digitsAndSpaces_areLeftUnchanged() {
    String input = repeatTo("1 ", FIVE_MB);

    assertThat(scrub(input)).isEqualTo(input);
  }

  @Test
  void onlyDigits_areLeftUnchanged() {
    String input = repeatTo("4", FIVE_MB);

    assertThat(scrub(input)).isEqualTo(input);
  }

  @Test
  void cardLikeGroups_finishAndScrubEachCard() {
    // Each "4111111111111111 x " contains one real card number.
    String input = repeatTo("4111111111111111 x ", FIVE_MB);

    String out = scrub(input);

    assertThat(out).doesNotContain("4111").startsWith("[Filtered] x [Filtered] x ");
  }

  @Test
  void repeatedKeyValueSeparators_finish() {
    String input = repeatTo("a:", FIVE_MB);

    assertThat(scrub(input)).isEqualTo(input);
  }

  @Test
  void repeatedSecretKeys_finishAndLeakNothing() {
    String out = scrub(repeatTo("password=", FIVE_MB));

    assertThat(out).isEqualTo("password=[Filtered]");
  }

  @Test
  void unterminatedQuotedSecrets_finish() {
    String out = scrub(repeatTo("{\"password\":\"\\\"", FIVE_MB));

    assertThat(out).startsWith("{\"password\":\"[Filtered]");
  }

  @Test
  void longHeaderLines_finish() {
    String out = scrub("Cookie: " + repeatTo("k=v; ", FIVE_MB));

    assertThat(out).isEqualTo("Cookie: [Filtered]");
  }

  @Test
  void repeatedBearerWords_finish() {
    String input = repeatTo("bearer ", FIVE_MB);

    assertThat(scrub(input)).isEqualTo(input);
  }
}
