package dev.obskit.telemetry.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

/** The expected text always comes from SLF4J's own {@code MessageFormatter}. */
class MessageFormatTest {
  private static final List<String> PATTERNS = List.of(
      "order {} processed for user {}", "no anchors", "{}", "{}{}{}", "a {} b", "\\{} then {}",
      "\\\\{} then {}", "trailing {", "{ } and {}", "x\\", "{}\\{}{}", "\\\\\\{}{}", "only {} one",
      "", "{}}{{}");
  private static final List<Object[]> ARGS = List.of(
      new Object[] {1, "u42"}, new Object[] {null}, new Object[] {"a", "b", "c", "d"},
      new Object[] {123456789012L, true, 1.5, 2.5f, 'c', (short) 7, (byte) -1},
      new Object[] {"{}", "\\"});

  private static String slf4j(String pattern, Object[] args) {
    return MessageFormatter.arrayFormat(pattern, args).getMessage();
  }

  @Test
  void simpleArguments_formatExactlyAsSlf4j() {
    for (String p : PATTERNS) {
      for (Object[] a : ARGS) {
        assertThat(MessageFormat.format(p, a, new StringBuilder()))
            .as("pattern '%s' args %s", p, java.util.Arrays.toString(a))
            .isEqualTo(slf4j(p, a));
      }
    }
  }

  private static LoggingEvent event(String pattern, Object... args) {
    LoggerContext ctx = new LoggerContext();
    return new LoggingEvent("x", ctx.getLogger("t"), Level.INFO, pattern, null, args);
  }

  @Test
  void of_withArraysOrObjects_usesLogbacksFormatting() {
    Object[] args = {new int[] {1, 2}, List.of("a"), new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("boom");
      }
    }};
    LoggingEvent e = event("{} {} {}", args);
    assertThat(MessageFormat.simple(args)).isFalse();
    assertThat(MessageFormat.of(e)).isEqualTo(e.getFormattedMessage())
        .startsWith("[1, 2] [a] [FAILED toString()]");
  }

  @Test
  void of_reusesTheThreadsBuilder_withoutLeakingPreviousText() {
    assertThat(MessageFormat.of(event("long message number {} with padding {}", 1, "x".repeat(50))))
        .isEqualTo("long message number 1 with padding " + "x".repeat(50));
    assertThat(MessageFormat.of(event("short {}", 2))).isEqualTo("short 2");
    assertThat(MessageFormat.of(event("no args"))).isEqualTo("no args");
  }
}
