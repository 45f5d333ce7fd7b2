package dev.obskit.errors.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Worst cases at the 8,192-character message cap: shapes that make backtracking patterns recurse
 * per repetition or rescan runs from every position. The scanner must stay linear: each input is
 * parameterised 20 times within a bound that a quadratic pass over 8,192 characters misses by far.
 */
class MessageParameterizerWorstCaseTest {
  private static final int CAP = 8192;

  static Stream<String> worstCases() {
    return Stream.of(
        "a.".repeat(CAP / 2),                       // host-name labels with no TLD
        "x@" + "a.".repeat(CAP / 2 - 1),            // e-mail domain labels with no 2-letter TLD
        "a".repeat(CAP),                            // one e-mail local part without '@'
        "a@".repeat(CAP / 2),                       // many '@' with one-letter domains
        ".".repeat(CAP),
        "a.com.".repeat(CAP / 6),                   // a host name per label pair
        "1.".repeat(CAP / 2),                       // IP octets that never make four
        "1".repeat(CAP),                            // one long int
        "1.1".repeat(CAP / 3),
        "0x".repeat(CAP / 2),
        "a1".repeat(CAP / 2),                       // one long hex-like word
        "=\"".repeat(CAP / 2),                      // quoted values never closed
        "='".repeat(CAP / 2),
        "=" + "\"".repeat(CAP - 1),
        ":".repeat(CAP),
        "a:".repeat(CAP / 2),                       // IPv6-like groups
        "2026-11-22T".repeat(CAP / 11),
        "12:00:00.".repeat(CAP / 9),
        "-".repeat(CAP),
        "-1".repeat(CAP / 2),
        "https://".repeat(CAP / 8),
        "Mon, ".repeat(CAP / 5),
        "a-".repeat(CAP / 2) + ".com");
  }

  @ParameterizedTest
  @MethodSource("worstCases")
  void parameterize_worstCaseAtCap_linearTime(String message) {
    assertThat(message.length()).isBetween(CAP - 16, CAP + 8);
    MessageParameterizer.parameterize(message); // warm-up
    long start = System.nanoTime();
    String out = null;
    for (int i = 0; i < 20; i++) {
      out = MessageParameterizer.normalizeForGrouping(message);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(out).isNotNull();
    // A linear pass takes under a millisecond; the quadratic e-mail scan took over 100 ms each.
    assertThat(millis).as("20 passes in ms").isLessThan(1_500);
  }

  @ParameterizedTest
  @MethodSource("worstCases")
  void parameterize_sixteenTimesTheCap_stillMilliseconds(String message) {
    // Linear: 16 x 8,192 characters cost about 16 x one pass (a few ms). Quadratic would cost
    // 256 x (minutes), and a per-repetition recursion would overflow the stack. The bound is
    // loose because the build machine is shared.
    String big = (message + " ").repeat(16);
    MessageParameterizer.parameterize(big);
    long start = System.nanoTime();
    String out = MessageParameterizer.parameterize(big);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(out).isNotNull();
    assertThat(millis).as("one pass over %d characters, ms", big.length()).isLessThan(5_000);
  }
}
