package dev.obskit.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void startingAt_isFixedUntilAdvanced() {
    ManualClock clock = ManualClock.startingAt("2026-03-29T00:30:00Z");

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
    assertThat(clock.instant()).isEqualTo(clock.instant());
    assertThat(clock.millis()).isEqualTo(1_774_744_200_000L);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advance_movesForwardAndReturnsNewInstant() {
    ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));

    Instant after = clock.advance(Duration.ofMinutes(90));
    clock.advance(Duration.ZERO);

    assertThat(after).isEqualTo(Instant.parse("2026-01-01T01:30:00Z"));
    assertThat(clock.instant()).isEqualTo(after);
  }

  @Test
  void advance_rejectsNegativeAndNull() {
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("amount must not be negative: PT-1S");
    assertThatThrownBy(() -> clock.advance(null)).hasMessage("amount");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void setInstant_movesForwardButNeverBackwards() {
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");

    clock.setInstant(Instant.parse("2026-02-01T00:00:00Z"));
    clock.setInstant(Instant.parse("2026-02-01T00:00:00Z"));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThatThrownBy(() -> clock.setInstant(Instant.parse("2026-01-15T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ManualClock cannot move backwards from 2026-02-01T00:00:00Z to 2026-01-15T00:00:00Z");
  }

  @Test
  void withZone_sharesTheInstant() {
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(2));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
    assertThatThrownBy(() -> clock.withZone(null)).hasMessage("zone");
  }

  @Test
  void startingAt_rejectsBadInput() {
    assertThatThrownBy(() -> ManualClock.startingAt("yesterday")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> ManualClock.startingAt((Instant) null)).hasMessage("start");
  }

  @Test
  void toString_showsInstant() {
    assertThat(ManualClock.startingAt("2026-01-01T00:00:00Z")).hasToString("ManualClock[2026-01-01T00:00:00Z]");
  }
}
